// The pharmacy view's words (GET /people/{pid}/plans/current/pharmacy): amounts, period titles and
// the ending, as plain text so that they can be tested without a page.
import type { components } from '../api/schema';

export type PharmacySupply = components['schemas']['PharmacySupply'];
export type PharmacyLine = components['schemas']['PharmacyLine'];
export type SupplyPeriod = PharmacySupply['periods'][number];

// The supply periods a person can choose on the page; the API takes any 1 to 90 days.
export const PERIOD_CHOICES = [7, 14, 28] as const;
export const DEFAULT_PERIOD = 28;

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

// "42 tablets", "1 capsule", "140 mL (2 bottles of 100 mL)", "9 mL (from the bottle already open)"
export function amountText(line: PharmacyLine): string {
  if (line.unit === 'mL') {
    const ml = `${Number(line.volume_ml.toFixed(1))} mL`;
    if (line.bottles === null || line.bottles === undefined) return ml;
    if (line.bottles === 0) return `${ml} (from the bottle already open)`;
    return `${ml} (${plural(line.bottles, 'bottle')} of ${line.pack_ml ?? '?'} mL)`;
  }
  return plural(line.units, line.unit);
}

// "step 3", "steps 3-4", "steps 2, 5", "no doses"
export function stepsText(steps: number[]): string {
  if (steps.length === 0) return 'no doses';
  if (steps.length === 1) return `step ${steps[0]}`;
  const consecutive = steps.every((s, i) => i === 0 || s === steps[i - 1] + 1);
  return consecutive ? `steps ${steps[0]}-${steps[steps.length - 1]}` : `steps ${steps.join(', ')}`;
}

// "Period 2: 2027-02-01 to 2027-02-28 (28 days), steps 3-4"
export function periodTitle(p: SupplyPeriod): string {
  const dates = p.first === p.last ? p.first : `${p.first} to ${p.last}`;
  return `Period ${p.number}: ${dates} (${plural(p.days, 'day')}), ${stepsText(p.steps)}`;
}

// What happens after the last period: the stop, or the held dose that continues.
export function endingText(s: PharmacySupply): string {
  if (s.stop_date) return `The plan stops on ${s.stop_date}: no doses from then, nothing more to dispense.`;
  if (s.continues && s.held_from) {
    const last = s.periods[s.periods.length - 1];
    return `The dose is held from ${s.held_from} and continues after the last period: each further ${s.period_days} days needs what period ${last ? last.number : 1} needs.`;
  }
  return '';
}

// Said when the periods start after the plan's start (today, weeks into a taper).
export function fromText(s: PharmacySupply): string {
  if (!s.from_later_day || s.from === s.plan_start) return '';
  return `Periods start on ${s.from}, not at the plan's start (${s.plan_start}): only what is still to be taken is counted, and a supply already at home is not subtracted.`;
}

// The period from the page's address ("#/pharmacy/14"), else the default.
export function periodFromParams(params: string[]): number {
  const n = Number(params[0]);
  return Number.isInteger(n) && n >= 1 && n <= 90 ? n : DEFAULT_PERIOD;
}

export interface PharmacySection {
  title: string;
  total: boolean;
  rows: { product: string; amount: string }[];
}

// What the page shows, in order: a card per period, then the total.
export function pharmacySections(s: PharmacySupply): PharmacySection[] {
  const rows = (lines: PharmacyLine[]) => lines.map((l) => ({ product: l.product, amount: amountText(l) }));
  if (s.periods.length === 0) return [];
  const out: PharmacySection[] = s.periods.map((p) => ({ title: periodTitle(p), total: false, rows: rows(p.lines) }));
  const last = s.periods[s.periods.length - 1];
  const n = s.periods.length;
  out.push({
    title: `Total, ${n} ${n === 1 ? 'period' : 'periods'} from ${s.from} to ${last.last}`,
    total: true,
    rows: rows(s.total),
  });
  return out;
}

// Said instead of the periods when none is left.
export function nothingLeftText(s: PharmacySupply): string {
  return s.stop_date ? `Nothing left to dispense: the plan stopped on ${s.stop_date}.` : 'Nothing left to dispense.';
}

// Said under the total when a liquid is counted in bottles.
export const BOTTLES_NOTE =
  'Bottles are whole packs, a new one only when the one open would run out: check the pack size stocked and how long an opened bottle keeps. Pack sizes:';
