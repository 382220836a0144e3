import { describe, expect, it } from 'vitest';
import type { Decision, Schemas } from '../src/api/types';
import { previewCharts } from '../src/plan/preview_series';
import { dateToSeconds } from '../src/charts/time_axis';
import { alignProgress, noEntry } from '../src/progress_series';
import { reviewLines } from '../src/review_text';
import { comparisonText } from '../src/cognition/comparison_text';
import { browserFromUserAgent, deviceDescription } from '../src/cognition/device';
import { pickList, WORD_LISTS } from '../src/cognition/word_lists';

describe('preview series mapping', () => {
  const series = {
    day: [0, 1, 2],
    date: ['2027-01-01', '2027-01-02', '2027-01-03'],
    dose_mg: [1, 1, 0.9],
    effect: [0.5, 0.5, 0.45],
    adaptation_remaining: [1, 0.99, 0.98],
    withdrawal: [0, 0, 0.01],
  };
  // A plan document without steps: only the equivalent total is known.
  const plan = { start_date: null, start_diazepam_equivalent_mg: 1, start_regimen: { drugs: [] }, steps: [] };
  it('maps the plan and abrupt arrays to four panels on a date axis', () => {
    const c = previewCharts({ series, abrupt: { ...series, dose_mg: [1, 0, 0] }, plan });
    expect(c?.time).toBe(true);
    expect(c?.dates).toEqual(series.date);
    expect(c?.x).toEqual(series.date.map(dateToSeconds));
    expect(c?.panels.map((p) => p.title)).toHaveLength(4);
    // Without the plan's steps only the equivalent total is known, and it says so.
    expect(c?.panels[0].yLabel).toBe('diazepam-eq. mg a day');
    expect(c?.panels[0].unit).toBe('diazepam-equivalent mg a day');
    expect(c?.panels[0].lines[1].values).toEqual([1, 0, 0]);
    expect(c?.panels[3].lines[0].values).toEqual([0, 0, 1]);
    expect(c?.panels[3].yLabel).toMatch(/^%/);
  });
  it('uses day numbers when the plan has no start date (the dates are empty)', () => {
    const undated = { ...series, date: ['', '', ''] };
    const c = previewCharts({ series: undated, abrupt: undated, plan });
    expect(c?.time).toBe(false);
    expect(c?.x).toEqual([0, 1, 2]);
  });
  it('gives null for a plan of no days', () => {
    const none = { day: [], date: [], dose_mg: [], effect: [], adaptation_remaining: [], withdrawal: [] };
    expect(previewCharts({ series: none, abrupt: none, plan })).toBeNull();
  });
});

describe('progress alignment', () => {
  it('aligns sparse questionnaires and cognition on the day axis', () => {
    const a = alignProgress({
      days: [
        { ...noEntry('2027-01-01'), dose_mg: 10, symptom_share: 0.25, adaptation_remaining: 1, withdrawal: 0 },
        { ...noEntry('2027-01-02'), dose_mg: 9, adaptation_remaining: 0.9, withdrawal: 0.1 },
      ],
      cuts: ['2027-01-02'],
      questionnaires: [{ date: '2027-01-02', instrument: 'phq9', total: 7 }],
      cognition: [
        { date: '2027-01-01', test_id: 'digit-span-forward', device: 'desktop', score: 5 },
        { date: '2027-01-02', test_id: 'digit-span-forward', device: 'desktop', score: 6 },
      ],
    });
    expect(a.symptoms).toEqual([25, null]);
    expect(a.questionnaires.phq9).toEqual([null, 7]);
    expect(a.cognition['digit-span-forward']).toEqual([100, 120]);
    expect(a.cuts).toEqual(['2027-01-02']);
  });
});

describe('plain words', () => {
  // A decision and a review as the server writes them (Decision, Review).
  const decision = (kind: Decision['kind'], reason: string): Decision => ({
    id: 3,
    person_id: 1,
    date: '2027-01-10',
    kind,
    reason,
    step_index: 2,
    plan_version_id: 1,
    recorded_at: '2027-01-10T08:00:00Z',
    evidence: {},
  });
  const review = (r: Partial<Schemas['Review']>): Schemas['Review'] => ({
    decision: null,
    plan_change: '',
    new_plan_version: null,
    next_review: null,
    paused: false,
    ...r,
  });
  it('explains a decision', () => {
    const lines = reviewLines(
      review({ decision: decision('hold', 'symptoms rose'), plan_change: 'step 3 is 14 days longer' }),
    );
    expect(lines[0]).toMatch(/Stay on the current dose/);
    expect(lines[1]).toBe('Why: symptoms rose');
    expect(lines[2]).toMatch(/step 3 is 14 days longer/);
  });
  it('names the new plan version', () => {
    const lines = reviewLines(
      review({
        decision: decision('slow', 'symptoms rose'),
        plan_change: 'smaller cuts from step 3',
        new_plan_version: 2,
      }),
    );
    expect(lines[0]).toMatch(/Slow down/);
    expect(lines[2]).toMatch(/plan version 2.*smaller cuts/);
    expect(reviewLines(review({ new_plan_version: 2 }))).toEqual([
      'No change to your plan today.',
      'Your plan changed: it is now plan version 2. See the Plan page.',
    ]);
  });
  it('promises no review date while the plan is paused', () => {
    const lines = reviewLines(review({ paused: true }));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/paused: no cut starts until you or your clinician resume it, after a check-in/);
    expect(lines[0]).toMatch(/do not stop suddenly/);
  });
  it('says when the next review is', () => {
    expect(reviewLines(review({ next_review: '2027-02-01' }))).toEqual([
      'No decision was due today. Your plan is next reviewed on 2027-02-01.',
    ]);
  });
  it('words comparisons', () => {
    expect(
      comparisonText(
        { practice: true, session_number: 1, baseline_score: null, rci: null, change: null },
        'digit-span-forward',
      ),
    ).toMatch(/Practice run 1 of 2/);
    expect(
      comparisonText(
        { practice: false, session_number: 3, baseline_score: 5, rci: -0.5, change: 'no reliable change' },
        'digit-span-forward',
      ),
    ).toMatch(/About the same.*Baseline score: 5/);
    expect(
      comparisonText(
        { practice: false, session_number: 3, baseline_score: 5, rci: 2.4, change: 'improved' },
        'digit-span-forward',
      ),
    ).toMatch(/Better than your baseline.*2\.40/);
  });
});

describe('device and browser', () => {
  it('names the browser from the user agent', () => {
    expect(
      browserFromUserAgent(
        'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.6778.85 Safari/537.36',
      ),
    ).toBe('Chrome 131');
    expect(
      browserFromUserAgent(
        'Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1',
      ),
    ).toBe('Safari 17');
    expect(
      browserFromUserAgent('x', [
        { brand: 'Not_A Brand', version: '8' },
        { brand: 'Chromium', version: '131' },
        { brand: 'Google Chrome', version: '131' },
      ]),
    ).toBe('Google Chrome 131');
  });
  it('describes the device', () => {
    expect(deviceDescription('Android', true, 390, 844, 3)).toBe('Android phone/tablet, screen 390x844 @3x');
  });
});

describe('word lists', () => {
  it('never repeats the last list', () => {
    for (let k = 0; k < 50; k += 1) expect(pickList(Math.random, 2)).not.toBe(2);
    expect(WORD_LISTS.every((l) => l.length === 12)).toBe(true);
  });
});
