// Where the preview answer keeps its daily series. The server's shape is young: keep every
// mapping from the answer to chart data here, so a change of names is a change of this file.
//
// Expected: {"series": {"day": [...], "date": [...], "dose_mg": [...], "effect": [...],
//            "adaptation_remaining": [...], "withdrawal": [...]}, "abrupt": {same keys}}
// "dose_mg" there is the diazepam-equivalent total (server/routes/course_text.cpp); the mg of each
// drug come from the plan's steps (charts/dose_lines.ts).
import { doseAxisLabel, DosePlanDoc, EQUIVALENT_AXIS, previewDrugLines, singleDrugScale } from '../charts/dose_lines';
import { dateToSeconds } from '../charts/time_axis';

export interface DailySeries {
  day: number[];
  date: string[];
  dose_mg: (number | null)[];
  effect: (number | null)[];
  adaptation_remaining: (number | null)[];
  withdrawal: (number | null)[];
}

export interface PreviewLine {
  label: string;
  values: (number | null)[];
  kind: 'plan' | 'abrupt'; // this plan, or stopping all at once (for comparison)
}

export interface PreviewPanel {
  title: string;
  yLabel: string; // the axis title, with the unit
  unit: string; // for the table's headings
  decimals: number;
  lines: PreviewLine[];
}

export interface PreviewCharts {
  x: number[]; // unix seconds at local noon of each date, or day numbers when there are no dates
  time: boolean;
  dates: string[];
  panels: PreviewPanel[];
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

const percent = (xs: (number | null)[]) => xs.map((v) => (v === null ? null : Math.round(v * 1000) / 10));

// The dose panels: mg of the drug when the plan has one (the abrupt stop scaled back from its
// diazepam-equivalent series); with mixed drugs (a crossover) one chart per drug in its own mg and
// the diazepam-equivalent total on a chart of its own, the only place that unit appears.
function dosePanels(plan: DosePlanDoc | undefined, series: DailySeries, abrupt: DailySeries | null, n: number): PreviewPanel[] {
  const equivalent = (title: string): PreviewPanel => ({
    title,
    yLabel: EQUIVALENT_AXIS,
    unit: 'diazepam-equivalent mg a day',
    decimals: 2,
    lines: [
      { label: 'This plan', values: fit(series.dose_mg, n), kind: 'plan' },
      { label: 'Abrupt stop', values: fit(abrupt ? abrupt.dose_mg : [], n), kind: 'abrupt' },
    ],
  });
  if (!plan?.steps?.length) return [equivalent('Daily dose, as diazepam equivalent')];
  const drugs = previewDrugLines(plan, series.day);
  const scale = singleDrugScale(plan);
  if (!drugs.mixed && scale && drugs.drugs[0] === scale.drug) {
    const abruptMg = fit(abrupt ? abrupt.dose_mg : [], n).map((v) => (v === null ? null : v * scale.mgPerEquivalentMg));
    return [
      {
        title: `Daily dose of ${scale.drug}`,
        yLabel: doseAxisLabel(scale.drug),
        unit: `mg of ${scale.drug} a day`,
        decimals: 3,
        lines: [
          { label: 'This plan', values: fit(drugs.byDrug[scale.drug], n), kind: 'plan' },
          { label: 'Abrupt stop', values: abruptMg, kind: 'abrupt' },
        ],
      },
    ];
  }
  return [
    ...drugs.drugs.map((d) => ({
      title: `Daily dose of ${d}`,
      yLabel: doseAxisLabel(d),
      unit: `mg of ${d} a day`,
      decimals: 3,
      lines: [{ label: 'This plan', values: fit(drugs.byDrug[d], n), kind: 'plan' as const }],
    })),
    equivalent('Total daily dose of the drugs together, as diazepam equivalent'),
  ];
}

export function previewCharts(answer: { series?: unknown; abrupt?: unknown; plan?: unknown }): PreviewCharts | null {
  const plan = columns(answer.series);
  if (!plan || plan.day.length === 0) return null;
  const abrupt = columns(answer.abrupt);
  const n = plan.day.length;
  const other = (k: keyof Omit<DailySeries, 'day' | 'date'>) => fit(abrupt ? abrupt[k] : [], n);
  const dated = plan.date.length === n && plan.date.every((d) => /^\d{4}-\d{2}-\d{2}$/.test(d));
  const modelled = (title: string, yLabel: string, k: 'effect' | 'adaptation_remaining' | 'withdrawal'): PreviewPanel => ({
    title,
    yLabel,
    unit: '%',
    decimals: 1,
    lines: [
      { label: 'This plan', values: percent(fit(plan[k], n)), kind: 'plan' },
      { label: 'Abrupt stop', values: percent(other(k)), kind: 'abrupt' },
    ],
  });
  return {
    x: dated ? plan.date.map(dateToSeconds) : plan.day,
    time: dated,
    dates: dated ? plan.date : [],
    panels: [
      ...dosePanels(answer.plan as DosePlanDoc | undefined, plan, abrupt, n),
      modelled('Modelled effect of the medicine', '% of full effect', 'effect'),
      modelled('Adaptation still to unwind (modelled)', '% of the start', 'adaptation_remaining'),
      modelled('Withdrawal pressure (modelled)', '% of full effect', 'withdrawal'),
    ],
  };
}
