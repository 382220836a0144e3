// Turns GET /progress into aligned chart columns on one daily time axis (pure, tested).
// Missing is not zero: every calendar day from the first to the last is on the axis, and a day
// without an entry, or a value not given that day, is null so that the chart shows a gap instead
// of a line drawn across it.

import type { Progress } from './api/types';

// What the charts read of GET /progress.
export type ProgressDoc = Pick<Progress, 'days' | 'cuts' | 'questionnaires' | 'cognition'>;
export type ProgressDay = Progress['days'][number];

// A calendar day with no entry.
export const noEntry = (date: string): ProgressDay => ({
  date,
  dose_mg: null,
  symptom_share: null,
  sleep_quality: null,
  sleep_minutes: null,
  mood: null,
  adaptation_remaining: null,
  withdrawal: null,
});

export interface Aligned {
  dates: string[];
  dose: (number | null)[];
  symptoms: (number | null)[]; // percent of the maximum
  sleep: (number | null)[];
  mood: (number | null)[];
  adaptation: (number | null)[];
  withdrawal: (number | null)[];
  questionnaires: Record<string, (number | null)[]>;
  cognition: Record<string, (number | null)[]>; // percent of the first session's score
  cuts: string[];
}

const val = (v: number | null) => (typeof v === 'number' && Number.isFinite(v) ? v : null);

const DAY_MS = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function dayNumber(date: string): number | null {
  const m = ISO_DATE.exec(date);
  if (!m) return null;
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return Number.isFinite(t) ? Math.round(t / DAY_MS) : null;
}

// Every date from the earliest to the latest of `dates`, "YYYY-MM-DD".
export function calendarDays(dates: string[]): string[] {
  const numbers = dates.map(dayNumber).filter((n): n is number => n !== null);
  if (numbers.length === 0) return [];
  const first = Math.min(...numbers);
  const last = Math.max(...numbers);
  const out: string[] = [];
  for (let n = first; n <= last; n++) out.push(new Date(n * DAY_MS).toISOString().slice(0, 10));
  return out;
}

export function alignProgress(doc: ProgressDoc): Aligned {
  const byDate = new Map(doc.days.filter((d) => dayNumber(d.date) !== null).map((d) => [d.date, d]));
  const dates = calendarDays([...byDate.keys()]);
  const days = dates.map((date) => byDate.get(date) ?? noEntry(date));
  const index = new Map(dates.map((d, i) => [d, i]));
  const sparse = <T extends { date: string }>(rows: T[], key: (r: T) => string, value: (r: T) => number | null) => {
    const out: Record<string, (number | null)[]> = {};
    for (const r of rows) {
      const i = index.get(r.date);
      if (i === undefined) continue;
      const k = key(r);
      out[k] ??= dates.map(() => null);
      out[k][i] = value(r);
    }
    return out;
  };
  const firstScore = new Map<string, number>();
  for (const c of doc.cognition) {
    if (c.score !== 0 && !firstScore.has(c.test_id)) firstScore.set(c.test_id, c.score);
  }
  return {
    dates,
    dose: days.map((d) => val(d.dose_mg)),
    symptoms: days.map((d) =>
      val(d.symptom_share) === null ? null : Math.round((d.symptom_share as number) * 1000) / 10,
    ),
    sleep: days.map((d) => val(d.sleep_quality)),
    mood: days.map((d) => val(d.mood)),
    adaptation: days.map((d) => val(d.adaptation_remaining)),
    withdrawal: days.map((d) => val(d.withdrawal)),
    questionnaires: sparse(
      doc.questionnaires,
      (r) => r.instrument,
      (r) => r.total,
    ),
    cognition: sparse(
      doc.cognition,
      (r) => r.test_id,
      (r) =>
        firstScore.has(r.test_id) ? Math.round((r.score / (firstScore.get(r.test_id) as number)) * 1000) / 10 : null,
    ),
    cuts: doc.cuts,
  };
}

export function hasValues(xs: (number | null)[]): boolean {
  return xs.some((x) => x !== null);
}
