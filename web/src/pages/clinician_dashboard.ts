// The clinician's dashboard (#/clinician): link a person with the code they made, and every linked
// person in one table, the ones that need attention first (the server's order, GET
// /clinician/dashboard). On a phone each row is a card (styles/clinician.css).
import '../styles/clinician.css';
import { api } from '../api';
import { asyncListener, clear, field, h, liveRegion, setFieldError } from '../dom';
import { clearProblems, showProblem } from '../forms';
import {
  adherenceText,
  attentionLabel,
  daysOnStepText,
  doseText,
  orderRows,
  reasonsText,
  scoreText,
  stepText,
  trendText,
} from '../clinician/format';
import type { Dashboard, DashboardRow, LinkedPerson } from '../clinician/types';

const COLUMNS = [
  'Person',
  'Needs attention',
  'Step',
  'Dose',
  'Days on step',
  'Symptoms',
  'PHQ-9',
  'GAD-7',
  'Adherence',
];

function cell(label: string, ...content: (Node | string)[]): HTMLTableCellElement {
  return h('td', { 'data-label': label }, ...content);
}

function row(r: DashboardRow): HTMLTableRowElement {
  const name = r.name || `Person ${r.person_id}`;
  return h(
    'tr',
    { class: `attention-${r.attention}`, 'data-testid': 'dashboard-row' },
    h(
      'th',
      { scope: 'row', 'data-label': 'Person' },
      h('a', { href: `#/clinician/people/${r.person_id}` }, name),
      ' ',
      h('span', { class: `attention-badge attention-${r.attention}` }, attentionLabel(r.attention)),
    ),
    cell('Needs attention', reasonsText(r.reasons)),
    cell('Step', stepText(r)),
    cell('Dose', doseText(r)),
    cell('Days on step', daysOnStepText(r)),
    cell('Symptoms', trendText(r.symptom_trend)),
    cell('PHQ-9', scoreText(r.phq9)),
    cell('GAD-7', scoreText(r.gad7)),
    cell('Adherence', adherenceText(r.adherence)),
  );
}

function table(doc: Dashboard): HTMLElement {
  if (doc.people.length === 0) {
    return h('p', {}, 'No one is linked yet. A person makes a link code on their "Share" page and gives it to you.');
  }
  return h(
    'div',
    { class: 'table-scroll' },
    h(
      'table',
      { class: 'dashboard', 'data-testid': 'dashboard' },
      h(
        'caption',
        {},
        `${doc.people.length} linked ${doc.people.length === 1 ? 'person' : 'people'}, most urgent first`,
      ),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          COLUMNS.map((c) => h('th', { scope: 'col' }, c)),
        ),
      ),
      h('tbody', {}, orderRows(doc.people).map(row)),
    ),
  );
}

export async function renderClinicianDashboard(main: HTMLElement): Promise<void> {
  main.classList.add('wide-page');
  const list = h('section', { 'aria-labelledby': 'dashboard-title' });
  async function load(): Promise<void> {
    clear(list);
    list.append(h('h2', { id: 'dashboard-title' }, 'Your linked people'));
    try {
      const doc = await api.get<Dashboard>('/clinician/dashboard');
      list.append(table(doc), h('p', { class: 'hint' }, doc.note));
    } catch (e) {
      const status = liveRegion();
      list.append(status);
      showProblem(e, {}, status);
    }
  }

  const code = field(
    'Link code',
    h('input', { type: 'text', name: 'code', autocomplete: 'off', spellcheck: 'false', autocapitalize: 'characters' }),
    'The code the person made on their "Share with my clinician" page. It works once, for 7 days.',
  );
  const summary = liveRegion('form-summary');
  const submit = h('button', { type: 'submit', class: 'primary' }, 'Link');
  const form = h(
    'form',
    { class: 'card narrow', novalidate: true, 'aria-labelledby': 'link-title' },
    h('h2', { id: 'link-title' }, 'Link a person'),
    code.wrap,
    submit,
    summary,
  );
  form.addEventListener(
    'submit',
    asyncListener(async (ev) => {
      ev.preventDefault();
      clearProblems({ code }, summary);
      const typed = code.input.value.trim();
      if (!typed) {
        setFieldError(code, 'Please enter the code the person gave you.');
        code.input.focus();
        return;
      }
      submit.disabled = true;
      try {
        const linked = await api.post<LinkedPerson>('/clinician/links', { code: typed });
        code.input.value = '';
        summary.textContent = `Linked with ${linked.name || `person ${linked.person_id}`}.`;
        await load();
      } catch (e) {
        showProblem(e, { code }, summary);
      } finally {
        submit.disabled = false;
      }
    }),
  );
  main.append(
    h('h1', {}, 'Dashboard'),
    h(
      'p',
      { class: 'lead' },
      'The people who linked you, those needing attention first: red flags, urgent decisions and PHQ-9 item 9, then holds and slow-downs waiting for your review, missed check-ins and doses not logged.',
    ),
    form,
    list,
  );
  await load();
}
