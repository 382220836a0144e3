// Settings: profile (PUT /people/{pid}), exports, importing an exported journal into an empty
// account (POST /people/{pid}/import), and deleting all data with a typed confirmation
// (DELETE /people/{pid}), then back to sign-in.
import { api, apiUrl, personPath } from '../api';
import { append, clear, field, h, liveRegion, numberInput, readNumber, setFieldError, uid } from '../dom';
import { clearProblems, showProblem } from '../forms';
import { ImportCounts, importFailure, importSummary, NOT_AN_EXPORT } from '../import_text';
import { navigate } from '../router';
import { personId, setSession } from '../session';
import { reminderSettings } from './settings_calendar';

const RISKS: [string, string][] = [
  ['seizures', 'Seizures or epilepsy'],
  ['alcohol', 'Alcohol use problems'],
  ['substance-use', 'Other substance use problems'],
  ['opioids', 'Also prescribed an opioid'],
  ['pregnancy', 'Pregnant'],
  ['liver', 'Liver problems'],
  ['bipolar', 'Bipolar disorder'],
  ['psychosis', 'Psychotic illness'],
  ['prior-failed-taper', 'An earlier reduction that did not work out'],
];

interface Person {
  id: number;
  name: string;
  profile: { age?: number; sex?: string; country?: string; risks?: string[]; weeks_on_regimen?: number; treats_epilepsy?: boolean };
  created_on: string;
}

function profileForm(person: Person): HTMLElement {
  const p = person.profile ?? {};
  const name = field('Name', h('input', { type: 'text', name: 'name', value: person.name ?? '', autocomplete: 'name' }));
  const age = field('Age (years)', numberInput(0, 120, 1, p.age));
  age.input.name = 'age';
  const sex = field('Sex', h('select', { name: 'sex' }, ['', 'female', 'male', 'other'].map((s) => h('option', { value: s, selected: (p.sex ?? '') === s }, s || 'prefer not to say'))));
  const country = field('Country (two-letter code, e.g. US, GB)', h('input', { type: 'text', name: 'country', value: p.country ?? '', maxlength: 2, autocomplete: 'country' }), 'Used for crisis-line numbers and the usual tablet strengths.');
  const risks = RISKS.map(([value, label]) => {
    const id = uid('risk');
    const input = h('input', { type: 'checkbox', id, value, checked: (p.risks ?? []).includes(value) });
    return { input, el: h('div', { class: 'check' }, input, h('label', { for: id }, label)) };
  });
  const epId = uid('ep');
  const epilepsy = h('input', { type: 'checkbox', id: epId, checked: Boolean(p.treats_epilepsy) });
  const summary = liveRegion('form-summary');
  const fields = { name, 'profile.age': age, 'profile.sex': sex, 'profile.country': country };
  const form = h(
    'form',
    { class: 'card', novalidate: true },
    h('h2', {}, 'Profile'),
    name.wrap,
    age.wrap,
    sex.wrap,
    country.wrap,
    h('fieldset', {}, h('legend', {}, 'Anything that applies to you (these make the plan more careful)'), risks.map((r) => r.el), h('div', { class: 'check' }, epilepsy, h('label', { for: epId }, 'My benzodiazepine treats epilepsy'))),
    h('button', { type: 'submit', class: 'primary' }, 'Save profile'),
    summary,
  );
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    clearProblems(fields, summary);
    const profile: Record<string, unknown> = {
      risks: risks.filter((r) => r.input.checked).map((r) => r.input.value),
      treats_epilepsy: epilepsy.checked,
    };
    const a = readNumber(age.input);
    if (a !== undefined) profile.age = Math.round(a);
    if (sex.input.value) profile.sex = sex.input.value;
    const c = country.input.value.trim().toUpperCase();
    if (c) profile.country = c;
    if (p.weeks_on_regimen !== undefined) profile.weeks_on_regimen = p.weeks_on_regimen;
    try {
      await api.put(personPath(personId(), ''), { name: name.input.value.trim(), profile });
      summary.textContent = 'Profile saved.';
    } catch (e) {
      showProblem(e, fields, summary);
    }
  });
  return form;
}

function exportLinks(): HTMLElement {
  const pid = personId();
  return h(
    'section',
    { class: 'card' },
    h('h2', {}, 'Export your data'),
    h('p', {}, 'Everything taperlab holds about you, to keep or to share with your prescriber.'),
    h(
      'div',
      { class: 'actions' },
      h('a', { class: 'button', href: apiUrl(personPath(pid, '/export?format=json')), download: 'taperlab-export.json', 'data-testid': 'export-json' }, 'Download JSON'),
      h('a', { class: 'button', href: apiUrl(personPath(pid, '/export?format=csv')), download: 'taperlab-export.csv', 'data-testid': 'export-csv' }, 'Download CSV'),
    ),
  );
}

function importSection(onImported: () => Promise<void>): HTMLElement {
  const input = h('input', { type: 'file', name: 'import-file', accept: '.json,application/json', 'data-testid': 'import-file' });
  const file = field('Journal file (.json)', input, 'A file saved with "Download JSON" above, from this or another taperlab.');
  const go = h('button', { type: 'submit', class: 'primary' }, 'Import journal');
  const summary = liveRegion('form-summary');
  const problems = h('ul', { class: 'problem-list', 'aria-label': 'What needs fixing in the file' });
  const form = h(
    'form',
    { class: 'card', novalidate: true, 'data-testid': 'import-form' },
    h('h2', {}, 'Import a journal'),
    h('p', {}, 'Bring your history from another taperlab: plans, doses, check-ins, questionnaires and tests. This works only while this account has no entries of its own yet, and a file with a mistake changes nothing.'),
    file.wrap,
    go,
    summary,
    problems,
  );
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    clearProblems({ file }, summary);
    clear(problems);
    const chosen = input.files?.[0];
    if (!chosen) {
      setFieldError(file, 'Choose the file to import first.');
      input.focus();
      return;
    }
    let doc: unknown;
    try {
      doc = JSON.parse(await chosen.text());
    } catch {
      summary.textContent = NOT_AN_EXPORT;
      return;
    }
    go.disabled = true;
    summary.textContent = 'Importing…';
    try {
      const counts = await api.post<ImportCounts>(personPath(personId(), '/import'), doc);
      // The button stays off: the account now has a journal, and a second import would be refused.
      summary.textContent = importSummary(counts);
      await onImported();
    } catch (e) {
      const failure = importFailure(e);
      summary.textContent = failure.message;
      append(problems, failure.problems.map((p) => h('li', {}, p)));
      go.disabled = false;
    }
  });
  return form;
}

const CONFIRM_WORDS = 'delete my data';

function deleteSection(): HTMLElement {
  const confirm = field(`To confirm, type "${CONFIRM_WORDS}"`, h('input', { type: 'text', name: 'confirm-delete', autocomplete: 'off' }));
  const summary = liveRegion('form-summary');
  const go = h('button', { type: 'submit', class: 'danger' }, 'Delete all my data');
  const form = h(
    'form',
    { class: 'card', novalidate: true },
    h('h2', {}, 'Delete my data'),
    h('p', {}, 'This deletes your account and everything in it: plans, doses, check-ins, questionnaires and tests. It cannot be undone. You may want to export first.'),
    confirm.wrap,
    go,
    summary,
  );
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    if (confirm.input.value.trim().toLowerCase() !== CONFIRM_WORDS) {
      summary.textContent = `Please type "${CONFIRM_WORDS}" to confirm.`;
      return;
    }
    go.disabled = true;
    try {
      await api.del(personPath(personId(), ''));
      setSession(null);
      navigate('/signin');
    } catch (e) {
      showProblem(e, {}, summary);
      go.disabled = false;
    }
  });
  return form;
}

export async function renderSettings(main: HTMLElement): Promise<void> {
  main.append(h('h1', {}, 'Settings'));
  const status = liveRegion();
  main.append(status);
  // The profile form, replaced with a fresh one when an import brings a new name and profile:
  // saving the old form's values would undo the import's.
  let profile: HTMLElement = h('div');
  main.append(profile);
  const loadProfile = async (): Promise<void> => {
    try {
      const fresh = profileForm(await api.get<Person>(personPath(personId(), '')));
      profile.replaceWith(fresh);
      profile = fresh;
      status.textContent = '';
    } catch {
      status.textContent = 'Could not load your profile.';
    }
  };
  await loadProfile();
  main.append(reminderSettings(), exportLinks(), importSection(loadProfile), deleteSection());
}
