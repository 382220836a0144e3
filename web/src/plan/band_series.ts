// The band of people like this person (POST /plans/preview/band, PlanBand in the OpenAPI
// document) as chart specs: per series the person's own curve, with the middle half of 1,000
// people like them (25th to 75th percentile) as the darker area and 9 in 10 (5th to 95th) as the
// lighter one. Shares become percentages, as in the preview's other charts. Pure: no DOM.
import type { PlanBand, PlanBandSeries } from '../api/types';
import type { ChartSpec } from '../charts/chart_spec';
import { dateToSeconds } from '../charts/time_axis';

export const OWN_COLOR = '#2f6690';
export const MIDDLE_HALF_FILL = 'rgba(47, 102, 144, 0.34)';
export const NINE_IN_TEN_FILL = 'rgba(47, 102, 144, 0.14)';

export const BAND_LEGEND = 'People like you: half fall in the darker band, 9 in 10 in the lighter one.';

// What the band says in words, under the charts: how many people, and what made them "like you".
export function bandExplanation(band: Pick<PlanBand, 'people' | 'spread' | 'fit_observations'>): string {
  const people = band.people.toLocaleString('en');
  if (band.spread === 'personal' && band.fit_observations !== null)
    return `The model run for ${people} people like you: their adaptation speeds and sensitivity spread around the ones your ${band.fit_observations} check-ins suggest. The more your check-ins tell about you, the narrower the bands; while your symptoms barely move with the cuts, they stay as wide as for people in general. The model is a simplification; your own experience may differ.`;
  return `The model run for ${people} people like you: their adaptation speeds and sensitivity vary as they do between people. After two weeks of daily check-ins on a plan, your own answers narrow the bands. The model is a simplification; your own experience may differ.`;
}

const percent = (xs: number[]) => xs.map((v) => Math.round(v * 1000) / 10);

function spec(series: PlanBandSeries, title: string, yLabel: string, x: number[], time: boolean): ChartSpec {
  const p95 = percent(series.p95);
  const own = percent(series.own);
  const top = Math.max(0, ...p95, ...own);
  return {
    title,
    x,
    time,
    sync: 'preview',
    height: 200,
    yLabel,
    unit: '%',
    tableRows: 'all',
    // From 0, with the lighter band's top in view (the lines alone would not set it).
    yRange: [0, top > 0 ? Math.ceil(top * 1.05 * 10) / 10 : 1],
    series: [{ label: 'You (modelled)', values: own, color: OWN_COLOR, decimals: 1 }],
    spreads: [
      { label: '9 in 10 people like you', lower: percent(series.p5), upper: p95, fill: NINE_IN_TEN_FILL },
      {
        label: 'Middle half of people like you',
        lower: percent(series.p25),
        upper: percent(series.p75),
        fill: MIDDLE_HALF_FILL,
      },
    ],
  };
}

// The two charts, or null when the answer has no days or its series do not match its days.
export function bandCharts(band: PlanBand): ChartSpec[] | null {
  const n = band.day.length;
  if (n === 0) return null;
  const all = [band.withdrawal_peak, band.adaptation_remaining];
  const keys = ['own', 'p5', 'p25', 'p50', 'p75', 'p95'] as const;
  if (!all.every((s) => keys.every((k) => s[k].length === n))) return null;
  const dated = band.date.length === n && band.date.every((d) => /^\d{4}-\d{2}-\d{2}$/.test(d));
  const x = dated ? band.date.map(dateToSeconds) : band.day;
  return [
    spec(
      band.withdrawal_peak,
      'Withdrawal pressure at its highest each day: you and people like you',
      '% of full effect',
      x,
      dated,
    ),
    spec(band.adaptation_remaining, 'Adaptation still to unwind: you and people like you', '% of the start', x, dated),
  ];
}
