// The plan as a calendar table (one row per step), used by the preview and the saved plan; the
// print stylesheet prints it on its own.
import { Child, h } from '../dom';
import { PlanAlternative } from './alternatives_text';

export interface PlanDose {
  drug: string;
  time: string;
  dose_mg: number;
  units?: string;
}

export interface PlanStep {
  index: number;
  day?: number;
  duration_days?: number;
  kind?: string;
  start_date?: string | null;
  end_date?: string | null;
  daily_mg?: Record<string, number>;
  diazepam_equivalent_mg?: number;
  note?: string;
  doses?: PlanDose[];
}

export interface PlanDoc {
  draft_notice?: string;
  needs_clinician?: boolean;
  strategy?: string;
  start_date?: string | null;
  total_days?: number;
  start_regimen?: { text?: string };
  findings?: Finding[];
  notes?: string[];
  steps?: PlanStep[];
  country?: string; // whose products the plan uses
  alternatives?: PlanAlternative[]; // empty unless the products alone could not make the plan
  alternatives_reason?: string;
}

export interface Finding {
  severity: string;
  rule?: string;
  code?: string;
  message: string;
  action?: string;
}

const mg = (x: number) => `${Number(x.toFixed(3))} mg`;

// A date never breaks at its hyphens (a narrow column would show "2026-" above "12-05").
const date = (d: string) => h('span', { class: 'date' }, d);

function when(step: PlanStep): Child[] {
  if (step.start_date) {
    if (!step.end_date) return ['from ', date(step.start_date)];
    return step.start_date === step.end_date ? [date(step.start_date)] : [date(step.start_date), ' to ', date(step.end_date)];
  }
  const from = (step.day ?? 0) + 1;
  if (!step.duration_days || step.duration_days <= 0) return [`from day ${from}`];
  return [`days ${from} to ${from + step.duration_days - 1}`];
}

// One line per dose; the drug is named only when the step has more than one.
function dosesCell(step: PlanStep): HTMLElement {
  const cell = h('td', {});
  if (!step.doses || step.doses.length === 0) {
    cell.append('none (stopped)');
    return cell;
  }
  const several = new Set(step.doses.map((d) => d.drug)).size > 1;
  for (const d of step.doses) {
    const units = d.units && d.units !== mg(d.dose_mg) ? ` (${d.units})` : '';
    // The time and amount stay on one line; what to take may wrap under them on a phone.
    const amount = h('span', { class: 'dose-amount' }, `${d.time}: ${several ? `${d.drug} ` : ''}${mg(d.dose_mg)}`);
    cell.append(h('span', { class: 'dose-line' }, amount, units));
  }
  return cell;
}

function dailyText(step: PlanStep): string {
  const daily = Object.entries(step.daily_mg ?? {}).filter(([, v]) => v > 0);
  if (daily.length === 0) return '0 mg';
  return daily.map(([drug, v]) => `${drug} ${mg(v)}`).join(', ');
}

export function calendarTable(plan: PlanDoc): HTMLElement {
  const steps = plan.steps ?? [];
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
        notes ? h('td', {}, step.note ?? '') : null,
      ),
    );
  }
  const table = h(
    'table',
    { class: 'calendar', 'data-testid': 'plan-calendar' },
    h('caption', {}, `Plan calendar: ${steps.length} steps${plan.total_days ? `, about ${Math.round(plan.total_days / 7)} weeks` : ''}`),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Step'), h('th', { scope: 'col' }, 'When'), h('th', { scope: 'col' }, 'Each day'), h('th', { scope: 'col' }, 'Doses'), notes ? h('th', { scope: 'col' }, 'Note') : null)),
    body,
  );
  return h('div', { class: 'table-scroll', tabindex: 0, role: 'region', 'aria-label': 'Plan calendar' }, table);
}

export function findingLabel(severity: string): string {
  if (severity === 'needs_clinician' || severity === 'needs-clinician') return 'Needs your prescriber';
  if (severity === 'warning') return 'Please note';
  return 'For information';
}
