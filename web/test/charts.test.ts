import { describe, expect, it } from 'vitest';
import { bandOf, hasIsolatedValue } from '../src/charts/chart_spec';
import { tableModel } from '../src/charts/data_table';
import {
  doseAxisLabel,
  DosePlanDoc,
  previewDrugLines,
  progressDrugLines,
  SavedPlanVersion,
  singleDrugScale,
} from '../src/charts/dose_lines';
import { uplotOptions } from '../src/charts/line_chart';
import { cognitionColumns, progressSpecs } from '../src/charts/progress_specs';
import { maxTotal, severityBands } from '../src/charts/questionnaire_bands';
import { dateToSeconds, formatIsoDate, tickLabels, timeTicks } from '../src/charts/time_axis';
import {
  displayValue,
  formatScore,
  isImprovement,
  resultSentence,
  scoreDisplay,
  testName,
} from '../src/cognition/score_display';
import { previewCharts } from '../src/plan/preview_series';
import { habitSentence } from '../src/pages/progress_habits';
import { alignProgress, noEntry } from '../src/progress_series';

// The instrument registry as GET /instruments sends it (bands from data/instruments/*.json).
const options = [0, 1, 2, 3].map((value) => ({ value, label: String(value) }));
const phq9 = {
  id: 'phq9',
  name: 'PHQ-9',
  items: Array.from({ length: 9 }, () => ({ text: 'item', options })),
  bands: [
    { min: 0, label: 'minimal' },
    { min: 5, label: 'mild' },
    { min: 10, label: 'moderate' },
    { min: 15, label: 'moderately severe' },
    { min: 20, label: 'severe' },
  ],
};
const gad7 = {
  id: 'gad7',
  name: 'GAD-7',
  items: Array.from({ length: 7 }, () => ({ text: 'item', options })),
  bands: [
    { min: 10, label: 'moderate' },
    { min: 0, label: 'minimal' },
    { min: 15, label: 'severe' },
    { min: 5, label: 'mild' },
  ],
};

describe('memory and attention scores as people read them', () => {
  it('shows choice reaction time in milliseconds, not the stored log10', () => {
    expect(displayValue('choice-rt', 2.771)).toBeCloseTo(590.2, 1);
    expect(formatScore('choice-rt', 2.771)).toBe('590 ms');
    expect(resultSentence('choice-rt', 2.771)).toBe('Your score: 590 ms (average reaction time; lower is better)');
    expect(resultSentence('choice-rt', 2.771)).not.toMatch(/2\.771/);
  });
  it('shows the vigilance speed (1/s) as a reaction time in ms', () => {
    expect(formatScore('pvt', 4)).toBe('250 ms');
    expect(scoreDisplay('pvt').direction).toBe('lower');
  });
  it('counts 479 to 389 ms as an improvement, and the reverse as a decline', () => {
    const before = Math.log10(479);
    const after = Math.log10(389);
    expect(isImprovement('choice-rt', before, after)).toBe(true);
    expect(isImprovement('choice-rt', after, before)).toBe(false);
    // pvt stores speed: a higher speed is a shorter reaction time, an improvement.
    expect(isImprovement('pvt', 1000 / 479, 1000 / 389)).toBe(true);
    // spans: higher is better.
    expect(isImprovement('digit-span-forward', 5, 6)).toBe(true);
    expect(isImprovement('digit-span-backward', 5, 4)).toBe(false);
    expect(isImprovement('digit-span-forward', 5, null)).toBeNull();
  });
  it('names tests from the registry, and keeps the digit span result sentence readable', () => {
    expect(testName('choice-rt')).toBe('Choice reaction time');
    expect(testName('word-list-delayed')).toBe('Word list: delayed recall');
    expect(resultSentence('digit-span-forward', 3)).toBe('Your score: 3 digits (longest span; higher is better)');
    expect(formatScore('two-back', 1.2345)).toBe('1.23 d′');
    expect(formatScore('choice-rt', null)).toBe('—');
  });
});

describe('questionnaire bands from the registry', () => {
  it('draws PHQ-9 bands at 5/10/15/20 up to 27', () => {
    expect(maxTotal(phq9)).toBe(27);
    expect(severityBands(phq9)).toEqual([
      { from: 0, to: 5, label: 'minimal' },
      { from: 5, to: 10, label: 'mild' },
      { from: 10, to: 15, label: 'moderate' },
      { from: 15, to: 20, label: 'moderately severe' },
      { from: 20, to: 27, label: 'severe' },
    ]);
  });
  it('sorts GAD-7 bands (5/10/15, up to 21) whatever their order', () => {
    expect(severityBands(gad7).map((b) => [b.from, b.to])).toEqual([
      [0, 5],
      [5, 10],
      [10, 15],
      [15, 21],
    ]);
  });
  it('gives no bands where the registry has none', () => {
    expect(severityBands({ id: 'x', name: 'X', items: phq9.items, bands: [] })).toEqual([]);
    expect(severityBands({ id: 'x', name: 'X', items: [], bands: phq9.bands })).toEqual([]);
  });
  it('names the band of a value, the top included', () => {
    const bands = severityBands(phq9);
    expect(bandOf(bands, 4)).toBe('minimal');
    expect(bandOf(bands, 10)).toBe('moderate');
    expect(bandOf(bands, 27)).toBe('severe');
    expect(bandOf(bands, null)).toBeNull();
  });
});

describe('dates on time axes', () => {
  it('puts days at local noon and formats them in the locale', () => {
    const t = dateToSeconds('2026-12-07');
    expect(new Date(t * 1000).getHours()).toBe(12);
    expect(formatIsoDate('2026-12-07', 'en-GB')).toBe('7 Dec 2026');
    expect(formatIsoDate('2026-12-07', 'en-US')).toBe('Dec 7, 2026');
    expect(formatIsoDate('2026-12-07', 'de-DE')).toBe('7. Dez. 2026');
  });
  it('ticks days on a short span, with the year on the first tick', () => {
    const t = timeTicks(dateToSeconds('2026-12-07'), dateToSeconds('2026-12-13'), 10);
    expect(t.monthly).toBe(false);
    expect(t.ticks).toHaveLength(7);
    const labels = tickLabels(t, 'en-GB');
    expect(labels[0]).toBe('7 Dec 2026');
    expect(labels[1]).toBe('8 Dec');
  });
  it('ticks months on a long span, and stays within the room given', () => {
    const t = timeTicks(dateToSeconds('2026-12-07'), dateToSeconds('2028-05-22'), 5);
    expect(t.monthly).toBe(true);
    expect(t.ticks.length).toBeLessThanOrEqual(5);
    expect(t.ticks.length).toBeGreaterThanOrEqual(2);
    expect(tickLabels(t, 'en-GB')[0]).toMatch(/^[A-Z][a-z]{2} 202[678]$/);
  });
});

describe('chart options', () => {
  const spec = {
    title: 'Symptom score',
    x: ['2027-01-01', '2027-01-02', '2027-01-03', '2027-01-04'].map(dateToSeconds),
    time: true,
    yLabel: '% of the maximum',
    direction: 'lower' as const,
    unit: '% of the maximum',
    series: [{ label: 'Symptoms', values: [20, null, null, 30], color: '#000' }],
  };
  it('never spans gaps, and marks isolated values with points', () => {
    const o = uplotOptions(spec, 400);
    const s = o.series[1] as { spanGaps?: boolean; points?: { show?: unknown } };
    expect(s.spanGaps).toBe(false);
    expect(s.points?.show).toBe(true);
    expect(hasIsolatedValue([1, 2, null, 3])).toBe(true);
    expect(hasIsolatedValue([1, 2, null, 3, 4])).toBe(false);
  });
  it('titles the value axis with its unit', () => {
    const o = uplotOptions(spec, 400);
    expect(o.axes?.[1].label).toBe('% of the maximum');
  });
});

describe('table view of a chart', () => {
  it('has the same data, dates, units and words for missing values', () => {
    const m = tableModel(
      {
        title: 'PHQ-9 total score',
        x: ['2027-01-01', '2027-01-02', '2027-01-15'].map(dateToSeconds),
        time: true,
        yLabel: 'points of 27',
        direction: 'lower',
        unit: 'points',
        bands: severityBands(phq9),
        missingText: 'not answered',
        series: [{ label: 'PHQ-9', values: [12, null, 4], color: '#000', decimals: 0 }],
      },
      'en-GB',
    );
    expect(m.caption).toBe('PHQ-9 total score (points of 27; lower is better)');
    expect(m.headers).toEqual(['Date', 'PHQ-9 (points)', 'Severity']);
    // Days without any value are left out; the others keep their date and band.
    expect(m.rows).toEqual([
      ['1 Jan 2027', '12', 'moderate'],
      ['15 Jan 2027', '4', 'minimal'],
    ]);
  });
  it('names a missing value in a row with others, never 0', () => {
    const m = tableModel(
      {
        title: 'Sleep quality and mood',
        x: ['2027-01-01'].map(dateToSeconds),
        time: true,
        yLabel: '0 to 10',
        direction: 'higher',
        unit: '0 to 10',
        missingText: 'not answered',
        series: [
          { label: 'Sleep quality', values: [null], color: '#000' },
          { label: 'Mood', values: [7], color: '#000' },
        ],
      },
      'en-GB',
    );
    expect(m.rows).toEqual([['1 Jan 2027', 'not answered', '7']]);
  });
  it('keeps every day when asked (the plan preview), with day numbers without dates', () => {
    const m = tableModel({
      title: 'Dose',
      x: [0, 1],
      time: false,
      yLabel: 'mg a day',
      unit: 'mg a day',
      tableRows: 'all',
      series: [{ label: 'This plan', values: [null, 2], color: '#000' }],
    });
    expect(m.rows).toEqual([
      ['Day 1', '—'],
      ['Day 2', '2'],
    ]);
  });
});

// A preview for alprazolam 1 mg three times a day (3 mg/day, 60 mg diazepam-equivalent by
// Ashton), the first cut to 2.7 mg (54 mg equivalent): the shape POST /plans/preview answers.
const alprazolamPlan: DosePlanDoc = {
  start_date: '2026-12-07',
  start_diazepam_equivalent_mg: 60,
  start_regimen: { drugs: [{ drug: 'alprazolam', daily_mg: 3 }] },
  steps: [
    { day: 0, daily_mg: { alprazolam: 2.7 } },
    { day: 2, daily_mg: { alprazolam: 2.43 } },
    { day: 4, daily_mg: {} },
  ],
};
const alprazolamSeries = {
  day: [0, 1, 2, 3, 4, 5],
  date: ['2026-12-07', '2026-12-08', '2026-12-09', '2026-12-10', '2026-12-11', '2026-12-12'],
  dose_mg: [54, 54, 48.6, 48.6, 0, 0],
  effect: [0.6, 0.6, 0.5, 0.5, 0.2, 0.1],
  adaptation_remaining: [1, 1, 0.9, 0.9, 0.8, 0.7],
  withdrawal: [0, 0, 0.01, 0.01, 0.2, 0.1],
};

describe('the plan preview in mg of the drug', () => {
  it('labels the dose in mg of alprazolam and shows 2.7, not 54', () => {
    const c = previewCharts({
      series: alprazolamSeries,
      abrupt: { ...alprazolamSeries, dose_mg: [0, 0, 0, 0, 0, 0] },
      plan: alprazolamPlan,
    });
    const dose = c?.panels[0];
    expect(dose?.yLabel).toBe('mg of alprazolam a day');
    expect(dose?.lines[0].values).toEqual([2.7, 2.7, 2.43, 2.43, 0, 0]);
    expect(dose?.lines[1].values).toEqual([0, 0, 0, 0, 0, 0]);
    // No diazepam-equivalent chart for one drug.
    expect(c?.panels.some((p) => /diazepam/.test(p.yLabel + p.title))).toBe(false);
    expect(c?.panels).toHaveLength(4);
  });
  it('keeps dose axis titles short enough for the axis', () => {
    expect(doseAxisLabel('alprazolam')).toBe('mg of alprazolam a day');
    expect(doseAxisLabel('chlordiazepoxide')).toBe('chlordiazepoxide, mg a day');
  });
  it('scales the abrupt stop from equivalent mg back to the drug', () => {
    expect(singleDrugScale(alprazolamPlan)).toEqual({ drug: 'alprazolam', mgPerEquivalentMg: 0.05 });
  });
  it('gives each drug its own chart and adds the equivalent total where drugs are mixed', () => {
    const crossover: DosePlanDoc = {
      ...alprazolamPlan,
      steps: [
        { day: 0, daily_mg: { alprazolam: 2.5, diazepam: 10 } },
        { day: 3, daily_mg: { diazepam: 30 } },
      ],
    };
    expect(previewDrugLines(crossover, [0, 3]).byDrug).toEqual({ alprazolam: [2.5, 0], diazepam: [10, 30] });
    const c = previewCharts({ series: alprazolamSeries, abrupt: alprazolamSeries, plan: crossover });
    expect(c?.panels.map((p) => p.yLabel).slice(0, 3)).toEqual([
      'mg of alprazolam a day',
      'mg of diazepam a day',
      'diazepam-eq. mg a day',
    ]);
    expect(c?.panels[2].unit).toBe('diazepam-equivalent mg a day');
    expect(c?.panels[2].lines[0].values).toEqual(alprazolamSeries.dose_mg);
  });
});

describe('the progress page charts', () => {
  const doc = {
    days: [
      { ...noEntry('2026-12-05'), dose_mg: 60, symptom_share: 0.1, sleep_quality: 6, mood: 5 },
      { ...noEntry('2026-12-06'), dose_mg: 60 },
      {
        ...noEntry('2026-12-07'),
        dose_mg: 54,
        symptom_share: null,
        sleep_quality: 7,
        mood: null,
        adaptation_remaining: 1,
        withdrawal: 0,
      },
      { ...noEntry('2026-12-08'), dose_mg: 54 },
      { ...noEntry('2026-12-09'), dose_mg: 48.6 },
    ],
    cuts: ['2026-12-07', '2026-12-09'],
    questionnaires: [
      { date: '2026-12-07', instrument: 'phq9', total: 12 },
      { date: '2026-12-09', instrument: 'gad7', total: 6 },
    ],
    cognition: [
      { date: '2026-12-05', test_id: 'choice-rt', device: 'desktop', score: Math.log10(479) },
      { date: '2026-12-09', test_id: 'choice-rt', device: 'desktop', score: Math.log10(389) },
      { date: '2026-12-09', test_id: 'digit-span-forward', device: 'desktop', score: 6 },
    ],
  };
  const versions: SavedPlanVersion[] = [{ version: 1, effective_from: '2026-12-07', plan: alprazolamPlan }];

  it('plans the dose in mg of the drug, with the start regimen before the plan', () => {
    const a = alignProgress(doc);
    const lines = progressDrugLines(a.dates, versions);
    expect(lines.drugs).toEqual(['alprazolam']);
    expect(lines.mixed).toBe(false);
    expect(lines.byDrug.alprazolam).toEqual([3, 3, 2.7, 2.7, 2.43]);
  });
  it('follows the newest version in force', () => {
    const v2: SavedPlanVersion = {
      version: 2,
      effective_from: '2026-12-08',
      plan: { ...alprazolamPlan, start_date: '2026-12-08', steps: [{ day: 0, daily_mg: { alprazolam: 2 } }] },
    };
    expect(progressDrugLines(['2026-12-07', '2026-12-08', '2026-12-20'], [...versions, v2]).byDrug.alprazolam).toEqual([
      2.7, 2, 2,
    ]);
  });
  it('puts reaction times in ms with lower is better, each questionnaire on its own banded axis', () => {
    const a = alignProgress(doc);
    const specs = progressSpecs({
      aligned: a,
      drugLines: progressDrugLines(a.dates, versions),
      instruments: [phq9, gad7],
      cognition: doc.cognition,
    });
    const byTitle = new Map(specs.map((s) => [s.title, s]));
    expect(byTitle.get('Daily dose of alprazolam')?.yLabel).toBe('mg of alprazolam a day');
    expect([...byTitle.keys()].some((t) => /diazepam/.test(t))).toBe(false);

    const phq = byTitle.get('PHQ-9 total score');
    expect(phq?.yLabel).toBe('points of 27');
    expect(phq?.direction).toBe('lower');
    expect(phq?.bands?.map((b) => b.from)).toEqual([0, 5, 10, 15, 20]);
    expect(phq?.series.map((s) => s.label)).toEqual(['PHQ-9']);
    const gad = byTitle.get('GAD-7 total score');
    expect(gad?.bands?.map((b) => b.from)).toEqual([0, 5, 10, 15]);
    expect(gad?.yRange).toEqual([0, 21]);

    const rt = byTitle.get('Reaction times');
    expect(rt?.yLabel).toBe('ms');
    expect(rt?.direction).toBe('lower');
    expect(rt?.series.map((s) => s.label)).toEqual(['Choice reaction time']);
    const values = rt?.series[0].values.filter((v) => v !== null) as number[];
    expect(values.map(Math.round)).toEqual([479, 389]);
    expect(values[1]).toBeLessThan(values[0]);
    expect(byTitle.get('Digit span')?.yLabel).toBe('digits');
    expect(byTitle.get('Digit span')?.direction).toBe('higher');

    // No raw ids in any legend.
    for (const s of specs)
      for (const line of s.series) expect(line.label).not.toMatch(/^[a-z0-9]+(-[a-z0-9]+)+$|^phq9$|^gad7$/);
    // Every axis title says its unit, short enough for a 220 px chart's axis.
    for (const s of specs) expect(s.yLabel.length).toBeGreaterThan(0);
    for (const s of specs) expect(s.yLabel.length).toBeLessThanOrEqual(26);
  });
  it('keeps missing days as gaps, never zeros', () => {
    const a = alignProgress(doc);
    const specs = progressSpecs({ aligned: a, drugLines: null, instruments: [phq9], cognition: doc.cognition });
    const symptoms = specs.find((s) => s.title === 'Symptom score');
    expect(symptoms?.series[0].values).toEqual([10, null, null, null, null]);
    const cog = cognitionColumns(a.dates, doc.cognition);
    expect(cog['digit-span-forward']).toEqual([null, null, null, null, 6]);
    // Without the saved plans the dose is the equivalent total, labelled as such.
    expect(specs[0].yLabel).toBe('diazepam-eq. mg a day');
    expect(specs[0].unit).toBe('diazepam-equivalent mg a day');
  });
});

describe('habit sentences', () => {
  it('say the scale of the symptom score', () => {
    const text = habitSentence({
      definition: 'Exercise (20 minutes or more)',
      n_with: 12,
      n_without: 15,
      difference: -4.25,
      ci95: [-8.1, -0.4],
      survives_holm: false,
    });
    expect(text).toBe(
      'Exercise (20 minutes or more): next-day symptom score 4.3 points lower on average, on its scale of 0 to 100 (95% interval -8.1 to -0.4; 12 days with, 15 without). This could well be chance.',
    );
  });
});
