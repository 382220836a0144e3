// The preview answer's daily series as chart panels: {"series": {"day": [...], "date": [...],
// "dose_mg": [...], "effect": [...], "adaptation_remaining": [...], "withdrawal": [...]},
// "abrupt": {the same keys}} (PlanSeries in the OpenAPI document). "dose_mg" there is the
// diazepam-equivalent total (server/routes/course_text.cpp); the mg of each drug come from the
// plan's steps (charts/dose_lines.ts).
import type { PlanSeries } from '../api/types';
import { doseAxisLabel, DosePlanDoc, EQUIVALENT_AXIS, previewDrugLines, singleDrugScale } from '../charts/dose_lines';
import { dateToSeconds } from '../charts/time_axis';

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

function fit(values: (number | null)[], n: number): (number | null)[] {
  const out = values.slice(0, n);
  while (out.length < n) out.push(null);
  return out;
}

const percent = (xs: (number | null)[]) => xs.map((v) => (v === null ? null : Math.round(v * 1000) / 10));

// The dose panels: mg of the drug when the plan has one (the abrupt stop scaled back from its
// diazepam-equivalent series); with mixed drugs (a crossover) one chart per drug in its own mg and
// the diazepam-equivalent total on a chart of its own, the only place that unit appears.
function dosePanels(plan: DosePlanDoc, series: PlanSeries, abrupt: PlanSeries, n: number): PreviewPanel[] {
  const equivalent = (title: string): PreviewPanel => ({
    title,
    yLabel: EQUIVALENT_AXIS,
    unit: 'diazepam-equivalent mg a day',
    decimals: 2,
    lines: [
      { label: 'This plan', values: fit(series.dose_mg, n), kind: 'plan' },
      { label: 'Abrupt stop', values: fit(abrupt.dose_mg, n), kind: 'abrupt' },
    ],
  });
  if (!plan.steps.length) return [equivalent('Daily dose, as diazepam equivalent')];
  const drugs = previewDrugLines(plan, series.day);
  const scale = singleDrugScale(plan);
  if (!drugs.mixed && scale && drugs.drugs[0] === scale.drug) {
    const abruptMg = fit(abrupt.dose_mg, n).map((v) => (v === null ? null : v * scale.mgPerEquivalentMg));
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

export function previewCharts(answer: {
  series: PlanSeries;
  abrupt: PlanSeries;
  plan: DosePlanDoc;
}): PreviewCharts | null {
  const plan = answer.series;
  if (plan.day.length === 0) return null;
  const abrupt = answer.abrupt;
  const n = plan.day.length;
  const other = (k: 'effect' | 'adaptation_remaining' | 'withdrawal') => fit(abrupt[k], n);
  const dated = plan.date.length === n && plan.date.every((d) => /^\d{4}-\d{2}-\d{2}$/.test(d));
  const modelled = (
    title: string,
    yLabel: string,
    k: 'effect' | 'adaptation_remaining' | 'withdrawal',
  ): PreviewPanel => ({
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
      ...dosePanels(answer.plan, plan, abrupt, n),
      modelled('Modelled effect of the medicine', '% of full effect', 'effect'),
      modelled('Adaptation still to unwind (modelled)', '% of the start', 'adaptation_remaining'),
      modelled('Withdrawal pressure (modelled)', '% of full effect', 'withdrawal'),
    ],
  };
}
