// The progress page's charts, as specs (chart_spec.ts): each with its unit on the axis, readable
// names in the legend, a questionnaire per chart with its severity bands, memory and attention in
// their own units with the better direction said. Pure: the page fetches, this decides.
import type { Progress } from '../api/types';
import { Aligned } from '../progress_series';
import { GROUPS, scoreDisplay, displayValue } from '../cognition/score_display';
import { ChartSpec, hasValues, LineSeries } from './chart_spec';
import { doseAxisLabel, DrugLines, EQUIVALENT_AXIS } from './dose_lines';
import { BandedInstrument, maxTotal, severityBands } from './questionnaire_bands';
import { dateToSeconds } from './time_axis';

export const PALETTE = ['#2f6690', '#3a7d44', '#7a5c99', '#b5651d', '#5b8e7d', '#8c6d31', '#4a6fa5', '#6b6b6b'];

export type CognitionRow = Pick<Progress['cognition'][number], 'date' | 'test_id' | 'score'>;

export interface ProgressInputs {
  aligned: Aligned;
  drugLines: DrugLines | null; // null when the plan documents could not be read
  instruments: BandedInstrument[];
  cognition: CognitionRow[];
}

const percent = (xs: (number | null)[]) => xs.map((v) => (v === null ? null : Math.round(v * 1000) / 10));

// Each test's scores in its display unit (ms, digits...), on the page's dates; a day without a
// session is null. Two sessions on one day: the later one.
export function cognitionColumns(dates: string[], rows: CognitionRow[]): Record<string, (number | null)[]> {
  const index = new Map(dates.map((d, i) => [d, i]));
  const out: Record<string, (number | null)[]> = {};
  for (const r of rows) {
    const i = index.get(r.date);
    if (i === undefined) continue;
    out[r.test_id] ??= dates.map(() => null);
    out[r.test_id][i] = displayValue(r.test_id, r.score);
  }
  return out;
}

function doseSpecs(
  a: Aligned,
  lines: DrugLines | null,
  base: Pick<ChartSpec, 'x' | 'time' | 'markers' | 'sync'>,
): ChartSpec[] {
  const equivalent = (title: string): ChartSpec => ({
    ...base,
    title,
    yLabel: EQUIVALENT_AXIS,
    unit: 'diazepam-equivalent mg a day',
    series: [{ label: 'Planned dose, diazepam equivalent', values: a.dose, color: PALETTE[0], decimals: 2 }],
  });
  if (!lines || lines.drugs.length === 0) return [equivalent('Daily dose, as diazepam equivalent')];
  const perDrug = lines.drugs.map((d, i): ChartSpec => ({
    ...base,
    title: `Daily dose of ${d}`,
    yLabel: doseAxisLabel(d),
    unit: `mg of ${d} a day`,
    series: [{ label: `Planned dose of ${d}`, values: lines.byDrug[d], color: PALETTE[i % 3], decimals: 3 }],
  }));
  return lines.mixed
    ? [...perDrug, equivalent('Total daily dose of the drugs together, as diazepam equivalent')]
    : perDrug;
}

function questionnaireSpec(
  id: string,
  values: (number | null)[],
  ins: BandedInstrument | undefined,
  base: Pick<ChartSpec, 'x' | 'time' | 'markers' | 'sync'>,
  color: string,
): ChartSpec {
  const name = ins?.name ?? id.toUpperCase();
  const top = ins ? maxTotal(ins) : null;
  const bands = ins ? severityBands(ins) : [];
  return {
    ...base,
    title: `${name} total score`,
    yLabel: top === null ? 'points' : `points of ${top}`,
    direction: 'lower',
    unit: 'points',
    yRange: top === null ? undefined : [0, top],
    bands,
    missingText: 'not answered',
    series: [{ label: name, values, color, points: true, decimals: 0 }],
  };
}

export function progressSpecs(inputs: ProgressInputs): ChartSpec[] {
  const a = inputs.aligned;
  const base = { x: a.dates.map(dateToSeconds), time: true, markers: a.cuts.map(dateToSeconds), sync: 'progress' };
  const specs: ChartSpec[] = [...doseSpecs(a, inputs.drugLines, base)];
  specs.push({
    ...base,
    title: 'Symptom score',
    yLabel: '% of the maximum',
    direction: 'lower',
    unit: '% of the maximum',
    yRange: [0, 100],
    missingText: 'not answered',
    series: [{ label: 'Symptoms', values: a.symptoms, color: PALETTE[3], points: true, decimals: 1 }],
  });
  specs.push({
    ...base,
    title: 'Sleep quality and mood',
    yLabel: '0 to 10',
    direction: 'higher',
    unit: '0 to 10',
    yRange: [0, 10],
    missingText: 'not answered',
    series: [
      { label: 'Sleep quality', values: a.sleep, color: PALETTE[4], points: true, decimals: 0 },
      { label: 'Mood', values: a.mood, color: PALETTE[2], points: true, decimals: 0 },
    ],
  });
  Object.entries(a.questionnaires).forEach(([id, values], i) => {
    specs.push(
      questionnaireSpec(
        id,
        values,
        inputs.instruments.find((ins) => ins.id === id),
        base,
        PALETTE[(i + 5) % PALETTE.length],
      ),
    );
  });
  const cognition = cognitionColumns(a.dates, inputs.cognition);
  const groups = new Map<string, LineSeries[]>();
  Object.entries(cognition).forEach(([testId, values], i) => {
    const d = scoreDisplay(testId);
    const list = groups.get(d.group) ?? [];
    list.push({ label: d.name, values, color: PALETTE[i % PALETTE.length], points: true, decimals: d.decimals });
    groups.set(d.group, list);
  });
  for (const [group, series] of groups) {
    const g = GROUPS[group];
    const first = scoreDisplay(Object.keys(cognition).find((id) => scoreDisplay(id).group === group) as string);
    specs.push({
      ...base,
      title: g ? g.title : first.name,
      yLabel: g ? g.axis : first.unit || 'score',
      direction: g ? g.direction : first.direction,
      unit: first.unit || 'score',
      missingText: '—',
      series,
    });
  }
  specs.push({
    ...base,
    // Adaptation in % of the adaptation at the plan's start, withdrawal pressure in % of the
    // medicine's full effect (docs/model.md: R = T / T_ss, W = max(0, T - E)).
    title: 'Modelled adaptation still to unwind, and withdrawal pressure',
    yLabel: '%, modelled',
    unit: '%',
    series: [
      { label: 'Adaptation remaining', values: percent(a.adaptation), color: PALETTE[6], decimals: 1 },
      { label: 'Withdrawal pressure', values: percent(a.withdrawal), color: PALETTE[7], dash: [6, 3], decimals: 1 },
    ],
  });
  return specs.filter((s) => s.series.some((x) => hasValues(x.values)));
}
