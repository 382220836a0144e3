// After the last dose: the lighter check-in's symptoms (the remaining ones as rated, the others 0
// only when the person said "none of them today"), Today's lead and check-ups, and the progress
// page's comparison with the person's own baseline.
import { describe, expect, it } from 'vitest';
import { askedFirst, recoverySymptoms } from '../src/today/recovery_checkin';
import { checkupsDue, recoveryLead, RecoveryToday } from '../src/today/recovery_today';
import type { RecoveryMeasures, Schemas } from '../src/api/types';
import { comparisonRows, trendLine } from '../src/pages/progress_recovery';
import { answeredSymptoms } from '../src/today/checkin_body';

const ids = ['anxiety', 'insomnia', 'tinnitus', 'tremor'];

describe('recovery check-in', () => {
  it('asks the remaining symptoms first, or all when none is known', () => {
    expect([...askedFirst(ids, ['tinnitus', 'insomnia'])]).toEqual(['tinnitus', 'insomnia']);
    expect([...askedFirst(ids, [])]).toEqual(ids);
    expect([...askedFirst(ids, ['not-an-item'])]).toEqual(ids);
  });

  it('leaves the other symptoms not answered unless the person says none or rates them', () => {
    const remaining = new Set(['insomnia', 'tinnitus']);
    const rated = (id: string) => (id === 'insomnia' ? 2 : id === 'tremor' ? 1 : null);
    expect(answeredSymptoms(recoverySymptoms(ids, remaining, rated, 'unanswered'))).toEqual({ insomnia: 2 });
    expect(answeredSymptoms(recoverySymptoms(ids, remaining, rated, 'none'))).toEqual({
      anxiety: 0,
      insomnia: 2,
      tremor: 0,
    });
    expect(answeredSymptoms(recoverySymptoms(ids, remaining, rated, 'rate'))).toEqual({ insomnia: 2, tremor: 1 });
  });
});

const today: RecoveryToday = {
  last_dose_date: '2026-05-01',
  days_since_last_dose: 220,
  weeks_since_last_dose: 31,
  remaining_symptoms: ['insomnia'],
  checkups: {
    phq9_due: true,
    gad7_due: false,
    cognition_due: true,
    last_phq9: null,
    last_gad7: '2026-11-30',
    last_cognition: null,
    every_days: 28,
  },
};

describe('recovery today', () => {
  it('counts days and weeks since the last dose', () => {
    expect(recoveryLead('2026-12-07', today)).toBe(
      '2026-12-07. 220 days (31 weeks) since your last dose on 2026-05-01.',
    );
    expect(recoveryLead('2026-05-02', { ...today, days_since_last_dose: 1, weeks_since_last_dose: 0 })).toBe(
      '2026-05-02. 1 day (0 weeks) since your last dose on 2026-05-01.',
    );
  });

  it('links each check-up that is due', () => {
    expect(checkupsDue(today)).toEqual([
      { text: 'Questionnaires: PHQ-9 (mood)', href: '#/questionnaires' },
      { text: 'A memory and attention session', href: '#/tests' },
    ]);
    expect(checkupsDue({ ...today, checkups: { ...today.checkups, phq9_due: false, cognition_due: false } })).toEqual(
      [],
    );
  });
});

const measures = (
  share: number | null,
  phq9: number | null,
  cognition: RecoveryMeasures['cognition'],
): RecoveryMeasures => ({
  symptom_share: share,
  check_ins: share === null ? 0 : 10,
  phq9: phq9 === null ? null : { date: '2026-01-05', total: phq9 },
  gad7: null,
  cognition,
});

describe('recovery against the baseline', () => {
  it('reads each measure in its own direction and compares tests on one device only', () => {
    const doc = {
      baseline: {
        from: '2025-12-08',
        to: '2026-01-18',
        description: 'd',
        values: measures(0.2, 12, [
          { test_id: 'choice-rt', device: 'phone', date: '2026-01-06', score: Math.log10(480) },
          { test_id: 'digit-span-forward', device: 'desktop', date: '2026-01-06', score: 6 },
        ]),
      },
      since_last_dose: {
        description: 's',
        values: measures(0.08, 9, [
          { test_id: 'choice-rt', device: 'phone', date: '2026-11-01', score: Math.log10(390) },
          { test_id: 'digit-span-forward', device: 'phone', date: '2026-11-01', score: 7 },
        ]),
      },
    };
    const rows = comparisonRows(doc);
    expect(rows[0].reading).toBe('better'); // 20% -> 8%
    expect(rows[1].reading).toBe('about the same'); // PHQ-9 12 -> 9: under 5 points
    expect(rows[2].reading).toBe('no comparison yet');
    expect(rows[3].reading).toBe('better'); // 480 -> 390 ms, lower is better
    expect(rows[3].since).toContain('390 ms');
    expect(rows[4].reading).toBe('no session since the last dose'); // another device
  });
});

describe('recovery trends', () => {
  it('says a direction only with a fitted slope, over recovery days', () => {
    type Trend = Schemas['Trend'];
    const base: Pick<
      Trend,
      'measure' | 'scale' | 'n' | 'min_points' | 'direction' | 'slope_per_week' | 'ci95_per_week'
    > = {
      measure: 'symptoms',
      scale: '0-100',
      n: 3,
      min_points: 5,
      direction: 'not_enough_data',
      slope_per_week: null,
      ci95_per_week: null,
    };
    expect(trendLine(base)).toBe('Symptom score (0-100): not enough data yet (3 of 5 values).');
    expect(trendLine({ ...base, n: 40, direction: 'falling', slope_per_week: -0.5, ci95_per_week: [-0.8, -0.2] })).toBe(
      'Symptom score (0-100): falling, -0.5 a week, 95% CI -0.8 to -0.2, from 40 values.',
    );
  });
});
