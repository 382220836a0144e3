// Pure helpers of the preview's alternatives (plan.alternatives, when the person's products cannot
// make a safe plan on their own): the words on each card and the sparkline of its dose.
import type { PlanAlternative } from '../api/types';
import { inCountry } from './countries';

// An alternative's "number" is 1-based, as sent back in "alternative"; "dose_by_step" holds
// [start day, daily diazepam-equivalent mg] of each step.
export type { PlanAlternative };
export type AlternativeKind = PlanAlternative['kind'];

export interface CardText {
  kind: string;
  heading: string;
  toGet: string[];
  length: string;
  peak: string;
  sparkLabel: string;
}

const capital = (s: string) => (s ? s[0].toUpperCase() + s.slice(1) : s);
const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
const mg = (x: number) => `${Number(x.toFixed(2))} mg`;

export function kindLabel(kind: AlternativeKind, country?: string): string {
  switch (kind) {
    case 'as-given':
      return 'With the products you named';
    case 'extra-products':
      return country ? `With more products sold ${inCountry(country)}` : 'With more products';
    case 'crossover':
      return 'Switch to diazepam';
    case 'compounded':
      return 'A liquid made up by a pharmacy';
  }
}

// "12% of an abrupt stop's"; a share above 0 never reads as 0%.
export function peakText(share: number): string {
  const pct = Math.round(Math.max(0, share) * 100);
  if (pct === 0 && share > 0) return "under 1% of an abrupt stop's";
  return `${pct}% of an abrupt stop's`;
}

export function cardText(alt: PlanAlternative, country?: string): CardText {
  const points = alt.dose_by_step;
  const first = points.length ? points[0][1] : undefined;
  const last = points.length ? points[points.length - 1][1] : undefined;
  const weeks = alt.weeks;
  const parts = [plural(weeks, 'week', 'weeks'), plural(alt.steps, 'step', 'steps')];
  return {
    kind: kindLabel(alt.kind, country),
    heading: `Option ${alt.number}: ${capital(alt.title)}`,
    toGet: alt.to_get.length ? alt.to_get : ['Nothing new to get'],
    length: parts.join(', '),
    peak: peakText(alt.peak_share_of_abrupt),
    sparkLabel:
      first !== undefined && last !== undefined
        ? `Daily dose (diazepam-equivalent) from ${mg(first)} to ${mg(last)} over ${plural(weeks, 'week', 'weeks')}`
        : 'Daily dose not available',
  };
}

// Why the card list is there, in calm words, and the planner's own reason ("Why: ...").
export function reasonText(reason: string, country?: string): { lead: string; why: string } {
  const where = country ? ` ${inCountry(country)}` : '';
  const why = reason.trim().replace(/\.+$/, '');
  return {
    lead: `The products usually sold${where} cannot make every step of this plan on their own. This is common, and there are good ways round it. Each option below is a whole plan; the calendar shows the one marked "In use". Your prescriber and pharmacist can help you choose.`,
    why: why ? `Why: ${capital(why)}.` : '',
  };
}

// The day an alternative's last dose ends: its last step, or its length in weeks if later.
export function endDay(alt: PlanAlternative): number {
  const points = alt.dose_by_step;
  const lastDay = points.length ? points[points.length - 1][0] : 0;
  return Math.max(lastDay, alt.weeks * 7);
}

export interface SparkScale {
  width: number;
  height: number;
  maxDay: number; // the right edge
  maxMg: number; // the top edge
  pad?: number; // kept free at the top and bottom, so the line is never cut
}

// The scale shared by all cards, so that their lines compare at a glance.
export function sharedScale(alts: PlanAlternative[], width = 240, height = 48): SparkScale {
  let maxDay = 1;
  let maxMg = 0;
  for (const a of alts) {
    maxDay = Math.max(maxDay, endDay(a));
    for (const [, v] of a.dose_by_step) maxMg = Math.max(maxMg, v);
  }
  return { width, height, maxDay, maxMg: maxMg > 0 ? maxMg : 1, pad: 2 };
}

const r1 = (x: number) => String(Math.round(x * 10) / 10);

// An SVG path of the dose as a staircase: each step holds its dose until the next step starts.
export function sparklinePath(points: [number, number][], scale: SparkScale, end?: number): string {
  if (points.length === 0) return '';
  const pad = scale.pad ?? 0;
  const x = (day: number) => r1((Math.min(Math.max(day, 0), scale.maxDay) / scale.maxDay) * scale.width);
  const y = (v: number) =>
    r1(pad + (1 - Math.min(Math.max(v, 0), scale.maxMg) / scale.maxMg) * (scale.height - 2 * pad));
  const [d0, v0] = points[0];
  let path = `M${x(d0)},${y(v0)}`;
  for (const [day, v] of points.slice(1)) path += ` H${x(day)} V${y(v)}`;
  const stop = Math.max(end ?? points[points.length - 1][0], points[points.length - 1][0]);
  path += ` H${x(stop)}`;
  return path;
}
