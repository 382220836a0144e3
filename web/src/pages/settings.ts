// Settings: profile (PUT /people/{pid}), exports, importing an exported journal into an empty
// account (POST /people/{pid}/import), and deleting all data with a typed confirmation
// (DELETE /people/{pid}), then back to sign-in.
import { signedOutEverywhereText } from '../account';
import { api, apiUrl, personPath } from '../api';
import {
  append,
  asyncListener,
  button,
  clear,
  field,
  h,
  liveRegion,
  numberInput,
  readNumber,
  setFieldError,
  uid,
} from '../dom';
import { clearProblems, showProblem } from '../forms';
import type { ImportCounts, Person } from '../api/types';
import { importFailure, importSummary, NOT_AN_EXPORT } from '../import_text';
import { renderHeader } from '../layout';
import { personId, setSession, signOutEverywhere } from '../session';
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

function deviceTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone ?? '';
  } catch {
    return '';
  }
}

// The zones the browser knows, for suggestions (Intl.supportedValuesOf is ES2022; older browsers
// get none and the server still checks the name).
function knownTimeZones(): string[] {
  const intl = Intl as unknown as { supportedValuesOf?: (key: string) => string[] };
  try {
    return intl.supportedValuesOf ? intl.supportedValuesOf('timeZone') : [];
  } catch {
    return [];
  }
}

// The person's time zone (PUT /people/{pid} {time_zone}): "today", dose times and review days
// follow it.
function timeZoneSection(person: Person): HTMLElement {
  const device = deviceTimeZone();
  const listId = uid('zones');
  const input = h('input', {
    type: 'text',
    name: 'time_zone',
    value: person.time_zone,
    list: listId,
    autocomplete: 'off',
    spellcheck: false,
    'data-testid': 'time-zone',
  });
  const zone = field(
    'Time zone',
    input,
    'A name such as Europe/London or America/Los_Angeles. Today, dose times and review days follow it.',
  );
  const current = h('p', { 'data-testid': 'time-zone-current' });
  const showCurrent = (name: string) => {
    current.textContent = name ? `Your days follow ${name}.` : "Not chosen yet: the server's time zone is used.";
  };
  // An IANA name; '' when not chosen (the server's zone is used).
  showCurrent(person.time_zone);
  const summary = liveRegion('form-summary');
  const useDevice = button(
    `Use this device's (${device})`,
    () => {
      input.value = device;
      input.focus();
    },
    'secondary',
  );
  useDevice.hidden = !device;
  const form = h(
    'form',
    { class: 'card', novalidate: true, 'data-testid': 'time-zone-form' },
    h('h2', {}, 'Time zone'),
    current,
    zone.wrap,
    h(
      'datalist',
      { id: listId },
      knownTimeZones().map((z) => h('option', { value: z })),
    ),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, 'Save time zone'), useDevice),
    summary,
  );
  form.addEventListener(
    'submit',
    asyncListener(async (ev) => {
      ev.preventDefault();
      clearProblems({ time_zone: zone }, summary);
      const name = input.value.trim();
      if (!name) {
        setFieldError(zone, 'Enter a time zone, e.g. Europe/London.');
        input.focus();
        return;
      }
      try {
        const saved = await api.put<Person>(personPath(personId(), ''), { time_zone: name });
        showCurrent(saved.time_zone);
        summary.textContent = `Time zone saved: ${saved.time_zone}.`;
      } catch (e) {
        showProblem(e, { time_zone: zone }, summary);
        input.focus();
      }
    }),
  );
  return form;
}

function profileForm(person: Person): HTMLElement {
  const p = person.profile;
  const name = field('Name', h('input', { type: 'text', name: 'name', value: person.name, autocomplete: 'name' }));
  const age = field('Age (years)', numberInput(0, 120, 1, p.age));
  age.input.name = 'age';
  const sex = field(
    'Sex',
    h(
      'select',
      { name: 'sex' },
      ['', 'female', 'male', 'other'].map((s) =>
        h('option', { value: s, selected: (p.sex ?? '') === s }, s || 'prefer not to say'),
      ),
    ),
  );
  const country = field(
    'Country (two-letter code, e.g. US, GB)',
    h('input', { type: 'text', name: 'country', value: p.country ?? '', maxlength: 2, autocomplete: 'country' }),
    'Used for crisis-line numbers and the usual tablet strengths.',
  );
  const risks = RISKS.map(([value, label]) => {
    const id = uid('risk');
    const input = h('input', { type: 'checkbox', id, value, checked: p.risks.includes(value) });
    return { input, el: h('div', { class: 'check' }, input, h('label', { for: id }, label)) };
  });
  const epId = uid('ep');
  const epilepsy = h('input', { type: 'checkbox', id: epId, checked: p.treats_epilepsy });
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
    h(
      'fieldset',
      {},
      h('legend', {}, 'Anything that applies to you (these make the plan more careful)'),
      risks.map((r) => r.el),
      h('div', { class: 'check' }, epilepsy, h('label', { for: epId }, 'My benzodiazepine treats epilepsy')),
    ),
    h('button', { type: 'submit', class: 'primary' }, 'Save profile'),
    summary,
  );
  form.addEventListener(
    'submit',
    asyncListener(async (ev) => {
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
    }),
  );
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
      h(
        'a',
        {
          class: 'button',
          href: apiUrl(personPath(pid, '/export?format=json')),
          download: 'taperlab-export.json',
          'data-testid': 'export-json',
        },
        'Download JSON',
      ),
      h(
        'a',
        {
          class: 'button',
          href: apiUrl(personPath(pid, '/export?format=csv')),
          download: 'taperlab-export.csv',
          'data-testid': 'export-csv',
        },
        'Download CSV',
      ),
    ),
  );
}

function importSection(onImported: () => Promise<void>): HTMLElement {
  const input = h('input', {
    type: 'file',
    name: 'import-file',
    accept: '.json,application/json',
    'data-testid': 'import-file',
  });
  const file = field(
    'Journal file (.json)',
    input,
    'A file saved with "Download JSON" above, from this or another taperlab.',
  );
  const go = h('button', { type: 'submit', class: 'primary' }, 'Import journal');
  const summary = liveRegion('form-summary');
  const problems = h('ul', { class: 'problem-list', 'aria-label': 'What needs fixing in the file' });
  const form = h(
    'form',
    { class: 'card', novalidate: true, 'data-testid': 'import-form' },
    h('h2', {}, 'Import a journal'),
    h(
      'p',
      {},
      'Bring your history from another taperlab: plans, doses, check-ins, questionnaires and tests. This works only while this account has no entries of its own yet, and a file with a mistake changes nothing.',
    ),
    file.wrap,
    go,
    summary,
    problems,
  );
  form.addEventListener(
    'submit',
    asyncListener(async (ev) => {
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
        append(
          problems,
          failure.problems.map((p) => h('li', {}, p)),
        );
        go.disabled = false;
      }
    }),
  );
  return form;
}

const CONFIRM_WORDS = 'delete my data';

// After deleting: signed out, and the page says so plainly (not a silent jump to sign-in).
function showDeleted(main: HTMLElement): void {
  setSession(null);
  renderHeader('/signin');
  const heading = h('h1', { tabindex: -1 }, 'Your data has been deleted');
  main.replaceChildren(
    h(
      'section',
      { class: 'card', role: 'status', 'data-testid': 'deleted' },
      heading,
      h(
        'p',
        {},
        'Your account and everything in it (plans, doses, check-ins, questionnaires and tests) are gone from taperlab. You have been signed out.',
      ),
      h(
        'p',
        {},
        'If you are still reducing your medicine, keep taking your current dose and talk to your prescriber before any change.',
      ),
      h('p', {}, h('a', { href: '#/signin', class: 'button' }, 'Go to sign in')),
    ),
  );
  heading.focus();
}

// Sign out everywhere (POST /auth/signout-everywhere): every device and browser signed in to the
// account must sign in again; this one goes back to sign-in with a line saying what happened.
function signOutEverywhereSection(main: HTMLElement): HTMLElement {
  const summary = liveRegion('form-summary');
  const go = h('button', { type: 'button' }, 'Sign out everywhere');
  const section = h(
    'section',
    { class: 'card', 'data-testid': 'sign-out-everywhere' },
    h('h2', {}, 'Signed in elsewhere?'),
    h(
      'p',
      {},
      'If you signed in on a phone you lost or a computer others use, sign out everywhere: every device and browser, this one included, will need your password again.',
    ),
    go,
    summary,
  );
  go.addEventListener(
    'click',
    asyncListener(async () => {
      go.disabled = true;
      try {
        const answer = await signOutEverywhere();
        renderHeader('/signin');
        const heading = h('h1', { tabindex: -1 }, 'Signed out everywhere');
        main.replaceChildren(
          h(
            'section',
            { class: 'card', role: 'status', 'data-testid': 'signed-out-everywhere' },
            heading,
            h('p', {}, signedOutEverywhereText(answer)),
            h('p', {}, h('a', { href: '#/signin', class: 'button' }, 'Go to sign in')),
          ),
        );
        heading.focus();
      } catch (e) {
        showProblem(e, {}, summary);
        go.disabled = false;
      }
    }),
  );
  return section;
}

function deleteSection(main: HTMLElement): HTMLElement {
  const confirm = field(
    `To confirm, type "${CONFIRM_WORDS}"`,
    h('input', { type: 'text', name: 'confirm-delete', autocomplete: 'off' }),
  );
  const summary = liveRegion('form-summary');
  const go = h('button', { type: 'submit', class: 'danger' }, 'Delete all my data');
  const form = h(
    'form',
    { class: 'card', novalidate: true },
    h('h2', {}, 'Delete my data'),
    h(
      'p',
      {},
      'This deletes your account and everything in it: plans, doses, check-ins, questionnaires and tests. It cannot be undone. You may want to export first.',
    ),
    confirm.wrap,
    go,
    summary,
  );
  form.addEventListener(
    'submit',
    asyncListener(async (ev) => {
      ev.preventDefault();
      if (confirm.input.value.trim().toLowerCase() !== CONFIRM_WORDS) {
        summary.textContent = `Please type "${CONFIRM_WORDS}" to confirm.`;
        return;
      }
      go.disabled = true;
      try {
        await api.del(personPath(personId(), ''));
        showDeleted(main);
      } catch (e) {
        showProblem(e, {}, summary);
        go.disabled = false;
      }
    }),
  );
  return form;
}

export async function renderSettings(main: HTMLElement): Promise<void> {
  main.append(h('h1', {}, 'Settings'));
  const status = liveRegion();
  main.append(status);
  // The profile form, replaced with a fresh one when an import brings a new name and profile:
  // saving the old form's values would undo the import's.
  let profile: HTMLElement = h('div');
  let zone: HTMLElement = h('div');
  main.append(profile, zone);
  const loadProfile = async (): Promise<void> => {
    try {
      const person = await api.get<Person>(personPath(personId(), ''));
      const fresh = profileForm(person);
      profile.replaceWith(fresh);
      profile = fresh;
      const freshZone = timeZoneSection(person);
      zone.replaceWith(freshZone);
      zone = freshZone;
      status.textContent = '';
    } catch {
      status.textContent = 'Could not load your profile.';
    }
  };
  await loadProfile();
  main.append(
    reminderSettings(),
    exportLinks(),
    importSection(loadProfile),
    signOutEverywhereSection(main),
    deleteSection(main),
  );
}
