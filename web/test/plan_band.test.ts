// The preview's band of people like this person (plan/band_series.ts, plan/band_charts.ts) and
// the charts' spreads it draws with (charts/line_chart.ts, charts/data_table.ts).
import { describe, expect, it } from 'vitest';
import type { PlanBand } from '../src/api/types';
import { tableModel } from '../src/charts/data_table';
import { uplotOptions } from '../src/charts/line_chart';
import { dateToSeconds } from '../src/charts/time_axis';
import { BAND_LEGEND, bandCharts, bandExplanation } from '../src/plan/band_series';

function series(scale: number): PlanBand['withdrawal_peak'] {
  return {
    own: [0, 0.1 * scale, 0.05 * scale],
    p5: [0, 0.02 * scale, 0.01 * scale],
    p25: [0, 0.06 * scale, 0.03 * scale],
    p50: [0, 0.09 * scale, 0.045 * scale],
    p75: [0, 0.12 * scale, 0.06 * scale],
    p95: [0, 0.2 * scale, 0.1 * scale],
  };
}

const band: PlanBand = {
  adaptation_remaining: series(5),
  date: ['2026-03-01', '2026-03-02', '2026-03-03'],
  day: [0, 1, 2],
  fit_observations: null,
  people: 1000,
  seed: 20261208,
  spread: 'population',
  withdrawal_peak: series(1),
};

describe('band of people like this person', () => {
  it('draws the own curve with the middle half and 9 in 10 around it, as percentages', () => {
    const charts = bandCharts(band);
    expect(charts).not.toBeNull();
    const [w, r] = charts!;
    expect(w.title).toMatch(/Withdrawal pressure/);
    expect(r.title).toMatch(/Adaptation still to unwind/);
    expect(w.time).toBe(true);
    expect(w.x).toEqual(band.date.map(dateToSeconds));
    expect(w.series.map((s) => s.label)).toEqual(['You (modelled)']);
    expect(w.series[0].values).toEqual([0, 10, 5]);
    // The wider band first, so the darker one is drawn over it.
    expect(w.spreads?.map((s) => s.label)).toEqual(['9 in 10 people like you', 'Middle half of people like you']);
    expect(w.spreads?.[0].lower).toEqual([0, 2, 1]);
    expect(w.spreads?.[0].upper).toEqual([0, 20, 10]);
    expect(w.spreads?.[1].lower).toEqual([0, 6, 3]);
    expect(w.spreads?.[1].upper).toEqual([0, 12, 6]);
    // The lighter band's top is in view: 20% plus a margin.
    expect(w.yRange).toEqual([0, 21]);
    expect(r.series[0].values).toEqual([0, 50, 25]);
  });

  it('uses day numbers when the plan has no dates, and gives up on a short series', () => {
    const undated = bandCharts({ ...band, date: ['', '', ''] });
    expect(undated?.[0].time).toBe(false);
    expect(undated?.[0].x).toEqual([0, 1, 2]);
    expect(bandCharts({ ...band, day: [], date: [] })).toBeNull();
    expect(bandCharts({ ...band, withdrawal_peak: { ...series(1), p95: [0, 1] } })).toBeNull();
  });

  it('says in plain words what the bands are and whether check-ins narrowed them', () => {
    expect(BAND_LEGEND).toBe('People like you: half fall in the darker band, 9 in 10 in the lighter one.');
    const population = bandExplanation(band);
    expect(population).toMatch(/1,000 people like you/);
    expect(population).toMatch(/two weeks of daily check-ins/);
    const personal = bandExplanation({ ...band, spread: 'personal', fit_observations: 21 });
    expect(personal).toMatch(/your 21 check-ins/);
    expect(personal).toMatch(/the narrower the bands/);
  });

  it("lists the bands' edges in the chart's table", () => {
    const [w] = bandCharts(band)!;
    const m = tableModel(w, 'en-GB');
    expect(m.headers).toEqual([
      'Date',
      'You (modelled) (%)',
      '9 in 10 people like you, from (%)',
      '9 in 10 people like you, to (%)',
      'Middle half of people like you, from (%)',
      'Middle half of people like you, to (%)',
    ]);
    expect(m.rows[1].slice(1)).toEqual(['10', '2', '20', '6', '12']);
  });

  it('fills the spreads under the lines with their own plugin', () => {
    const [w] = bandCharts(band)!;
    const o = uplotOptions(w, 360);
    expect(o.plugins?.length).toBe(1);
    expect(o.scales?.y).toEqual({ range: [0, 21] });
    const plain = uplotOptions({ ...w, spreads: undefined }, 360);
    expect(plain.plugins?.length).toBe(0);
  });
});
