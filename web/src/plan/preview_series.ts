// Where the preview answer keeps its daily series. The server's shape is young: keep every
// mapping from the answer to chart data here, so a change of names is a change of this file.
//
// Expected: {"series": {"day": [...], "date": [...], "dose_mg": [...], "effect": [...],
//            "adaptation_remaining": [...], "withdrawal": [...]}, "abrupt": {same keys}}

export interface DailySeries {
  day: number[];
  date: string[];
  dose_mg: (number | null)[];
  effect: (number | null)[];
  adaptation_remaining: (number | null)[];
  withdrawal: (number | null)[];
}

export interface PreviewCharts {
  x: number[]; // day number from the plan's start
  dates: string[];
  panels: { title: string; unit: string; plan: (number | null)[]; abrupt: (number | null)[] }[];
}

// Accepts an object of arrays, or (tolerated) an array of daily objects.
function columns(raw: unknown): DailySeries | null {
  if (!raw || typeof raw !== 'object') return null;
  const pick = (rows: Record<string, unknown>[], key: string, alt: string[] = []) =>
    rows.map((r) => {
      for (const k of [key, ...alt]) if (typeof r[k] === 'number') return r[k] as number;
      return null;
    });
  if (Array.isArray(raw)) {
    const rows = raw as Record<string, unknown>[];
    return {
      day: rows.map((r, i) => (typeof r.day === 'number' ? r.day : i)),
      date: rows.map((r) => String(r.date ?? '')),
      dose_mg: pick(rows, 'dose_mg', ['diazepam_equivalent_mg']),
      effect: pick(rows, 'effect'),
      adaptation_remaining: pick(rows, 'adaptation_remaining'),
      withdrawal: pick(rows, 'withdrawal', ['withdrawal_pressure']),
    };
  }
  const o = raw as Record<string, unknown>;
  const arr = (k: string, ...alt: string[]): (number | null)[] => {
    for (const key of [k, ...alt]) if (Array.isArray(o[key])) return (o[key] as unknown[]).map((v) => (typeof v === 'number' ? v : null));
    return [];
  };
  const dose = arr('dose_mg', 'diazepam_equivalent_mg');
  const n = Math.max(dose.length, arr('effect').length, arr('withdrawal', 'withdrawal_pressure').length);
  const day = arr('day').length ? (arr('day') as number[]) : Array.from({ length: n }, (_, i) => i);
  return {
    day,
    date: Array.isArray(o.date) ? (o.date as unknown[]).map(String) : [],
    dose_mg: dose,
    effect: arr('effect'),
    adaptation_remaining: arr('adaptation_remaining'),
    withdrawal: arr('withdrawal', 'withdrawal_pressure'),
  };
}

function fit(values: (number | null)[], n: number): (number | null)[] {
  const out = values.slice(0, n);
  while (out.length < n) out.push(null);
  return out;
}

export function previewCharts(answer: { series?: unknown; abrupt?: unknown }): PreviewCharts | null {
  const plan = columns(answer.series);
  if (!plan || plan.day.length === 0) return null;
  const abrupt = columns(answer.abrupt);
  const n = plan.day.length;
  const other = (k: keyof Omit<DailySeries, 'day' | 'date'>) => fit(abrupt ? abrupt[k] : [], n);
  return {
    x: plan.day,
    dates: plan.date,
    panels: [
      { title: 'Daily dose', unit: 'mg', plan: fit(plan.dose_mg, n), abrupt: other('dose_mg') },
      { title: 'Modelled effect of the medicine', unit: 'share', plan: fit(plan.effect, n), abrupt: other('effect') },
      { title: 'Adaptation still to unwind (modelled)', unit: 'share', plan: fit(plan.adaptation_remaining, n), abrupt: other('adaptation_remaining') },
      { title: 'Withdrawal pressure (modelled)', unit: 'share', plan: fit(plan.withdrawal, n), abrupt: other('withdrawal') },
    ],
  };
}
