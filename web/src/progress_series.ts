// Turns GET /progress into aligned chart columns on one daily time axis (pure, tested).

export interface ProgressDoc {
  from?: string;
  to?: string;
  days: {
    date: string;
    dose_mg?: number | null;
    symptom_share?: number | null;
    sleep_quality?: number | null;
    mood?: number | null;
    adaptation_remaining?: number | null;
    withdrawal?: number | null;
  }[];
  cuts?: (string | { date: string })[];
  questionnaires?: { date: string; instrument: string; total: number }[];
  cognition?: { date: string; test_id: string; score: number | null }[];
}

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

const val = (v: number | null | undefined) => (typeof v === 'number' && Number.isFinite(v) ? v : null);

export function alignProgress(doc: ProgressDoc): Aligned {
  const days = doc.days ?? [];
  const dates = days.map((d) => d.date);
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
  for (const c of doc.cognition ?? []) {
    if (typeof c.score === 'number' && c.score !== 0 && !firstScore.has(c.test_id)) firstScore.set(c.test_id, c.score);
  }
  return {
    dates,
    dose: days.map((d) => val(d.dose_mg)),
    symptoms: days.map((d) => (val(d.symptom_share) === null ? null : Math.round((d.symptom_share as number) * 1000) / 10)),
    sleep: days.map((d) => val(d.sleep_quality)),
    mood: days.map((d) => val(d.mood)),
    adaptation: days.map((d) => val(d.adaptation_remaining)),
    withdrawal: days.map((d) => val(d.withdrawal)),
    questionnaires: sparse(doc.questionnaires ?? [], (r) => r.instrument, (r) => r.total),
    cognition: sparse(
      doc.cognition ?? [],
      (r) => r.test_id,
      (r) => (typeof r.score === 'number' && firstScore.has(r.test_id) ? Math.round((r.score / (firstScore.get(r.test_id) as number)) * 1000) / 10 : null),
    ),
    cuts: (doc.cuts ?? []).map((c) => (typeof c === 'string' ? c : c.date)),
  };
}

export function hasValues(xs: (number | null)[]): boolean {
  return xs.some((x) => x !== null);
}
