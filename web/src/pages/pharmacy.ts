// The pharmacy view of the plan in force (#/pharmacy, #/pharmacy/14; a clinician's
// #/clinician/people/{id}/pharmacy/14): what to dispense per supply period of 7, 14 or 28 days
// from today, and in total, to print for the pharmacist or prescriber.
// The numbers are the server's (GET /people/{pid}/plans/current/pharmacy), the same as
// `taperlab pharmacy`.
import '../styles/pharmacy.css';
import { api, ApiError, personPath } from '../api';
import { button, h } from '../dom';
import { navigate } from '../router';
import { personId } from '../session';
import { problemText } from '../problem_text';
import {
  BOTTLES_NOTE,
  endingText,
  fromText,
  nothingLeftText,
  PERIOD_CHOICES,
  periodFromParams,
  pharmacySections,
  type PharmacySection,
  type PharmacySupply,
} from '../pharmacy/pharmacy_text';

function linesTable(section: PharmacySection): HTMLElement {
  if (section.rows.length === 0) return h('p', {}, 'Nothing to dispense.');
  return h(
    'table',
    { class: 'pharmacy-lines' },
    h('caption', { class: 'pharmacy-caption' }, section.title),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Product'), h('th', { scope: 'col' }, 'To dispense'))),
    h(
      'tbody',
      {},
      section.rows.map((r) => h('tr', {}, h('td', {}, r.product), h('td', { class: 'amount' }, r.amount))),
    ),
  );
}

function pharmacyView(s: PharmacySupply): HTMLElement {
  const view = h('div', { class: 'pharmacy', 'data-testid': 'pharmacy' });
  view.append(
    h('p', {}, `${s.heading}.`),
    h('p', { class: 'draft-notice', 'data-testid': 'pharmacy-draft' }, h('strong', {}, s.draft_notice)),
    h('p', { class: 'hint' }, s.counting),
  );
  const from = fromText(s);
  if (from) view.append(h('p', { class: 'hint', 'data-testid': 'pharmacy-from' }, from));
  const sections = pharmacySections(s);
  if (sections.length === 0) {
    view.append(h('p', {}, nothingLeftText(s)));
    return view;
  }
  for (const section of sections) {
    view.append(
      h(
        'section',
        {
          class: section.total ? 'pharmacy-period pharmacy-total card' : 'pharmacy-period card',
          'data-testid': section.total ? 'pharmacy-total' : 'pharmacy-period',
        },
        h('h3', {}, section.title),
        linesTable(section),
      ),
    );
  }
  const ending = endingText(s);
  if (ending) view.append(h('p', {}, ending));
  if (s.pack_sources.length > 0) {
    view.append(
      h('p', { class: 'hint' }, BOTTLES_NOTE),
      h(
        'ul',
        { class: 'hint' },
        s.pack_sources.map((src) => h('li', {}, src)),
      ),
    );
  }
  return view;
}

export async function renderPharmacy(main: HTMLElement, params: string[]): Promise<void> {
  await renderPharmacyOf(main, personId(), params, '/pharmacy');
}

// The page for person `pid`, its supply period from `params`; a period chosen goes to
// `${base}/${days}`.
export async function renderPharmacyOf(main: HTMLElement, pid: number, params: string[], base: string): Promise<void> {
  const period = periodFromParams(params);
  const choose = h('select', { id: 'pharmacy-period', 'data-testid': 'pharmacy-period-choice' });
  for (const days of PERIOD_CHOICES)
    choose.append(h('option', { value: days, selected: days === period }, `${days} days`));
  if (!PERIOD_CHOICES.some((d) => d === period))
    choose.append(h('option', { value: period, selected: true }, `${period} days`));
  choose.addEventListener('change', () => navigate(`${base}/${choose.value}`));
  const body = h('div', {}, h('p', { class: 'status' }, 'Loading…'));
  main.append(
    h('h1', {}, 'Pharmacy supply'),
    h(
      'div',
      { class: 'pharmacy-controls no-print' },
      h('label', { for: 'pharmacy-period' }, 'Supply period '),
      choose,
      button('Print', () => window.print(), 'secondary'),
    ),
    body,
  );
  try {
    const supply = await api.get<PharmacySupply>(personPath(pid, `/plans/current/pharmacy?period=${period}`));
    body.replaceChildren(pharmacyView(supply));
  } catch (e) {
    const text =
      e instanceof ApiError && e.status === 404
        ? 'No plan yet: make one on the Plan page first.'
        : e instanceof ApiError
          ? problemText(e.problem)
          : 'The pharmacy view could not be loaded.';
    body.replaceChildren(h('p', { class: 'form-summary', role: 'alert' }, text));
  }
}
