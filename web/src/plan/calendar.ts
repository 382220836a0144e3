// The plan as a calendar table (one row per step), used by the preview and the saved plan; the
// print stylesheet prints it on its own, headed with the person's name and prescriber and followed
// by what the pharmacy dispenses, for the whole plan and per prescription period.
import { api, personPath } from '../api';
import { Child, h } from '../dom';
import { session } from '../session';
import type { Person, Plan, PlanStep } from '../api/types';

const mg = (x: number) => `${Number(x.toFixed(3))} mg`;

// A date never breaks at its hyphens (a narrow column would show "2026-" above "12-05").
const date = (d: string) => h('span', { class: 'date' }, d);

function when(step: PlanStep): Child[] {
  if (step.start_date) {
    if (!step.end_date) return ['from ', date(step.start_date)];
    return step.start_date === step.end_date
      ? [date(step.start_date)]
      : [date(step.start_date), ' to ', date(step.end_date)];
  }
  const from = step.day + 1;
  if (step.duration_days <= 0) return [`from day ${from}`];
  return [`days ${from} to ${from + step.duration_days - 1}`];
}

// One line per dose; the drug is named only when the step has more than one.
function dosesCell(step: PlanStep): HTMLElement {
  const cell = h('td', {});
  if (step.doses.length === 0) {
    cell.append('none (stopped)');
    return cell;
  }
  const several = new Set(step.doses.map((d) => d.drug)).size > 1;
  for (const d of step.doses) {
    const units = d.units !== mg(d.dose_mg) ? ` (${d.units})` : '';
    // The time and amount stay on one line; what to take may wrap under them on a phone.
    const amount = h('span', { class: 'dose-amount' }, `${d.time}: ${several ? `${d.drug} ` : ''}${mg(d.dose_mg)}`);
    cell.append(h('span', { class: 'dose-line' }, amount, units));
  }
  return cell;
}

function dailyText(step: PlanStep): string {
  const daily = Object.entries(step.daily_mg).filter(([, v]) => v > 0);
  if (daily.length === 0) return '0 mg';
  return daily.map(([drug, v]) => `${drug} ${mg(v)}`).join(', ');
}

function stepTable(plan: Pick<Plan, 'steps' | 'total_days'>): HTMLElement {
  const steps = plan.steps;
  const notes = steps.some((s) => s.note);
  const body = h('tbody', {});
  for (const step of steps) {
    body.append(
      h(
        'tr',
        {},
        h('th', { scope: 'row' }, String(step.index)),
        h('td', {}, when(step)),
        h('td', {}, dailyText(step)),
        dosesCell(step),
        notes ? h('td', {}, step.note) : null,
      ),
    );
  }
  const table = h(
    'table',
    { class: 'calendar', 'data-testid': 'plan-calendar' },
    h(
      'caption',
      {},
      `Plan calendar: ${steps.length} steps${plan.total_days ? `, about ${Math.round(plan.total_days / 7)} weeks` : ''}`,
    ),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', { scope: 'col' }, 'Step'),
        h('th', { scope: 'col' }, 'When'),
        h('th', { scope: 'col' }, 'Each day'),
        h('th', { scope: 'col' }, 'Doses'),
        notes ? h('th', { scope: 'col' }, 'Note') : null,
      ),
    ),
    body,
  );
  return h('div', { class: 'table-scroll', tabindex: 0, role: 'region', 'aria-label': 'Plan calendar' }, table);
}

export function findingLabel(severity: string): string {
  if (severity === 'needs-clinician') return 'Needs your prescriber';
  if (severity === 'warning') return 'Please note';
  return 'For information';
}

// A prescription period (assumed: 28 days, the usual length of a UK or US repeat prescription of
// a controlled drug; NHS England's guidance on controlled drugs limits a prescription to 30 days'
// supply, so 28 fits within it).
export const PRESCRIPTION_DAYS = 28;

export interface DispensePeriod {
  fromDay: number; // 0-based plan days, inclusive
  toDay: number;
  fromDate: string | null;
  toDate: string | null;
  quantities: Record<string, number>; // product (productLabel) -> whole tablets or ml, rounded up
  ongoing?: boolean; // the held dose after the last change, per period
}

export interface Dispensing {
  products: { product: string; liquid: boolean }[];
  periods: DispensePeriod[];
  total: Record<string, number>; // the plan document's own total (pharmacy.total)
}

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

// A product as the pharmacy reads it: with its drug ("diazepam 2 mg tablet (halves)"), since the
// plan names products by strength and form only, and two drugs can both come as "2 mg tablet".
export function productLabel(drug: string, product: string): string {
  if (product.toLowerCase().startsWith(drug.toLowerCase())) return product;
  return `${drug} ${product}`;
}

// Each product's amount per day of a step: tablets (quarters / 4) or ml.
function perDay(step: PlanStep): Map<string, number> {
  const out = new Map<string, number>();
  for (const dose of step.doses) {
    for (const part of dose.parts) {
      const amount = part.volume_ml > 0 ? part.volume_ml : part.quarters / 4;
      const label = productLabel(dose.drug, part.product);
      out.set(label, (out.get(label) ?? 0) + amount);
    }
  }
  return out;
}

// What the pharmacy dispenses in each period of `periodDays` from the start of the plan to its
// last change, each period rounded up to whole tablets or ml (a period cannot be dispensed in
// quarters), so the periods may add up to a little more than the whole plan. After the last
// change a dose that is held (a maintenance plan) gets one more row, per period, with no end.
export type Dispensed = Pick<Plan, 'steps' | 'start_date' | 'total_days' | 'pharmacy'>;

export function dispensing(plan: Dispensed, periodDays = PRESCRIPTION_DAYS): Dispensing {
  const steps = plan.steps;
  const products = new Map<string, boolean>();
  for (const step of steps) {
    for (const dose of step.doses) {
      for (const part of dose.parts) {
        const label = productLabel(dose.drug, part.product);
        products.set(label, (products.get(label) ?? false) || part.volume_ml > 0);
      }
    }
  }
  const lastDay = plan.total_days;
  const start = plan.start_date;
  const periods: DispensePeriod[] = [];
  for (let from = 0; from < lastDay; from += periodDays) {
    const to = Math.min(from + periodDays, lastDay) - 1;
    const raw = new Map<string, number>();
    for (const step of steps) {
      const first = step.day;
      const duration = step.duration_days;
      if (duration <= 0) continue;
      const overlap = Math.min(to, first + duration - 1) - Math.max(from, first) + 1;
      if (overlap <= 0) continue;
      for (const [product, amount] of perDay(step)) raw.set(product, (raw.get(product) ?? 0) + amount * overlap);
    }
    const quantities: Record<string, number> = {};
    // 1e-9: 28 days of a quarter tablet is 7 tablets, not 7.000000001.
    for (const [product, amount] of raw) if (amount > 0) quantities[product] = Math.ceil(amount - 1e-9);
    periods.push({
      fromDay: from,
      toDay: to,
      fromDate: start ? addDays(start, from) : null,
      toDate: start ? addDays(start, to) : null,
      quantities,
    });
  }
  const last = steps[steps.length - 1];
  if (last && last.duration_days <= 0 && last.doses.length > 0) {
    const quantities: Record<string, number> = {};
    for (const [product, amount] of perDay(last))
      if (amount > 0) quantities[product] = Math.ceil(amount * periodDays - 1e-9);
    const from = last.day;
    periods.push({
      fromDay: from,
      toDay: from + periodDays - 1,
      fromDate: start ? addDays(start, from) : null,
      toDate: null,
      quantities,
      ongoing: true,
    });
  }
  const total: Record<string, number> = {};
  for (const line of plan.pharmacy.total) {
    const amount = line.volume_ml > 0 ? line.volume_ml : line.tablets;
    if (amount > 0) total[productLabel(line.drug, line.product)] = amount;
  }
  return { products: [...products].map(([product, liquid]) => ({ product, liquid })), periods, total };
}

function periodLabel(p: DispensePeriod, periodDays: number): Child[] {
  if (p.ongoing)
    return [
      `Every ${periodDays} days from `,
      p.fromDate ? date(p.fromDate) : `day ${p.fromDay + 1}`,
      ' (the dose held)',
    ];
  if (p.fromDate && p.toDate) return [date(p.fromDate), ' to ', date(p.toDate)];
  return [`Days ${p.fromDay + 1} to ${p.toDay + 1}`];
}

function amountText(n: number | undefined, liquid: boolean): string {
  if (!n) return '–';
  return liquid ? `${n} ml` : String(n);
}

// The dispensing table: one row per prescription period, one column per product, then the whole
// plan.
export function dispensingTable(plan: Dispensed, periodDays = PRESCRIPTION_DAYS): HTMLElement | null {
  const d = dispensing(plan, periodDays);
  if (d.products.length === 0) return null;
  const head = h(
    'tr',
    {},
    h('th', { scope: 'col' }, 'Period'),
    d.products.map((p) => h('th', { scope: 'col' }, p.product)),
  );
  const body = h('tbody', {});
  for (const p of d.periods) {
    body.append(
      h(
        'tr',
        {},
        h('th', { scope: 'row' }, periodLabel(p, periodDays)),
        d.products.map((prod) => h('td', {}, amountText(p.quantities[prod.product], prod.liquid))),
      ),
    );
  }
  body.append(
    h(
      'tr',
      { class: 'dispense-total' },
      h('th', { scope: 'row' }, 'Whole plan'),
      d.products.map((prod) => h('td', {}, amountText(d.total[prod.product], prod.liquid))),
    ),
  );
  return h(
    'section',
    { class: 'dispensing', 'data-testid': 'dispensing' },
    h('h3', {}, 'To dispense'),
    h(
      'div',
      { class: 'table-scroll', tabindex: 0, role: 'region', 'aria-label': 'Quantities to dispense' },
      h(
        'table',
        { class: 'calendar' },
        h('caption', {}, `Whole tablets (or ml of a liquid) per ${periodDays}-day prescription and for the whole plan`),
        h('thead', {}, head),
        body,
      ),
    ),
    h(
      'p',
      { class: 'hint dispense-note' },
      `Each ${periodDays}-day period is rounded up to whole tablets, so the periods can add up to a little more than the whole plan.`,
    ),
  );
}

// The person, read at most every few seconds: the preview draws the calendar again on every
// change in the wizard, and a prescriber just saved in settings must show at once.
let personRead: { at: number; answer: Promise<Person | null> } | null = null;
function printedPerson(): Promise<Person | null> {
  const s = session();
  if (!s) return Promise.resolve(null);
  if (!personRead || Date.now() - personRead.at > 5_000) {
    personRead = { at: Date.now(), answer: api.get<Person>(personPath(s.person_id, '')).catch(() => null) };
  }
  return personRead.answer;
}

// Printed above the calendar only: who it is for and who prescribes, with lines to write on when
// they are not in the profile.
export function printHeader(person: Person | null): HTMLElement {
  const name = person?.name.trim();
  const prescriber = person?.profile.prescriber;
  const who = [prescriber?.name.trim(), prescriber?.contact.trim()].filter(Boolean).join(', ');
  return h(
    'div',
    { class: 'print-only print-header', 'data-testid': 'print-header' },
    h('p', {}, h('strong', {}, 'Taper plan for: '), name || '______________________________'),
    h('p', {}, h('strong', {}, 'Prescriber: '), who || '______________________________'),
    h('p', {}, h('strong', {}, 'Printed: '), new Date().toISOString().slice(0, 10)),
  );
}

export function calendarTable(plan: Plan): HTMLElement {
  const header = printHeader(null);
  const wrap = h('div', { class: 'plan-calendar' }, header, stepTable(plan), dispensingTable(plan));
  void printedPerson().then((person) => {
    if (person && header.parentNode) header.replaceWith(printHeader(person));
  });
  return wrap;
}
