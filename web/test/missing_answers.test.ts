// Missing is not zero: what a person skips in the check-in is not sent, scores name how many
// symptoms were answered, and the progress series hold null (a gap) for a missing day or value.
import { describe, expect, it } from 'vitest';
import { answeredText, checkInBody, CheckInValues } from '../src/today/checkin_body';
import { symptomScoreText } from '../src/today/score_text';
import { alignProgress, calendarDays, noEntry } from '../src/progress_series';

const untouched = (ids: string[]): CheckInValues => ({
  symptoms: ids.map((id) => [id, null]),
  sleep: {},
  habits: {},
  red_flags: [],
});

describe('check-in body', () => {
  it('sends only the symptoms answered, 0 ("none") included', () => {
    const v = untouched(['anxiety', 'panic', 'tremor', 'insomnia']);
    v.symptoms[0][1] = 2;
    v.symptoms[2][1] = 0;
    const body = checkInBody('2027-01-05', v);
    expect(body.symptoms).toEqual({ anxiety: 2, tremor: 0 });
    expect(Object.keys(body.symptoms as object)).not.toContain('panic');
    expect(answeredText(v.symptoms)).toBe('2 of 4 answered');
  });
  it('an untouched form sends no symptom, no sleep, no mood and no habit', () => {
    const body = checkInBody('2027-01-05', {
      ...untouched(['anxiety', 'panic']),
      sleep: {
        quality: undefined,
        bedtime: undefined,
        minutes_to_fall_asleep: undefined,
        awakenings: undefined,
        wake_time: undefined,
      },
      habits: {
        exercise_minutes: undefined,
        exercise_kind: undefined,
        regular_meals: undefined,
        therapy_session: undefined,
      },
      mood: undefined,
      notes: undefined,
    });
    expect(body).toEqual({ date: '2027-01-05', symptoms: {}, sleep: {}, habits: {}, red_flags: [] });
    expect('mood' in body).toBe(false);
    expect(answeredText(untouched(['anxiety', 'panic']).symptoms)).toBe('0 of 2 answered');
  });
  it('keeps what was given, a 0 sleep quality and mood and a "no" included', () => {
    const body = checkInBody('2027-01-05', {
      ...untouched(['anxiety']),
      sleep: { quality: 0, awakenings: 3, bedtime: '23:10' },
      habits: { therapy_session: false, exercise_minutes: 0 },
      mood: 0,
      red_flags: ['seizure'],
      notes: 'tired',
    });
    expect(body).toEqual({
      date: '2027-01-05',
      symptoms: {},
      sleep: { quality: 0, awakenings: 3, bedtime: '23:10' },
      habits: { therapy_session: false, exercise_minutes: 0 },
      mood: 0,
      red_flags: ['seizure'],
      notes: 'tired',
    });
  });
});

describe('symptom score text', () => {
  it('names the answered count and the answered maximum', () => {
    expect(symptomScoreText({ sum: 10, max: 48, share: 10 / 48, answered: 12, items: 22, counts: true })).toBe(
      'Symptom score today: 10 of 48 (21%), 12 of 22 answered.',
    );
  });
  it('says a score from too few answers is not used for the plan', () => {
    const text = symptomScoreText({ sum: 3, max: 8, share: 0.375, answered: 2, items: 22, counts: false });
    expect(text).toMatch(/^Symptom score today: 3 of 8 \(38%\), 2 of 22 answered\./);
    expect(text).toMatch(/fewer than 11 symptoms answered.*not used to judge your plan/);
  });
  it('a checklist not answered has no score, not a score of 0', () => {
    const text = symptomScoreText({ sum: 0, max: 0, share: null, answered: 0, items: 22, counts: false });
    expect(text).toBe('No symptom score today: the checklist was not answered (0 of 22 answered).');
    expect(text).not.toMatch(/0 of 0|0%/);
  });
});

describe('progress gaps', () => {
  it('puts every calendar day on the axis, null where nothing was logged', () => {
    expect(calendarDays(['2027-02-27', '2027-03-02'])).toEqual([
      '2027-02-27',
      '2027-02-28',
      '2027-03-01',
      '2027-03-02',
    ]);
    const a = alignProgress({
      days: [
        { ...noEntry('2027-01-01'), dose_mg: 10, symptom_share: 0.25, sleep_quality: 6, mood: 5 },
        { ...noEntry('2027-01-04'), dose_mg: 9, symptom_share: 0.3, sleep_quality: null, mood: 0 },
      ],
      cuts: [],
      questionnaires: [{ date: '2027-01-03', instrument: 'phq9', total: 7 }],
      cognition: [],
    });
    expect(a.dates).toEqual(['2027-01-01', '2027-01-02', '2027-01-03', '2027-01-04']);
    expect(a.symptoms).toEqual([25, null, null, 30]);
    expect(a.dose).toEqual([10, null, null, 9]);
    expect(a.sleep).toEqual([6, null, null, null]); // not given that day: a gap, not 0
    expect(a.mood).toEqual([5, null, null, 0]); // a mood of 0 is a value
    expect(a.questionnaires.phq9).toEqual([null, null, 7, null]);
  });
  it('a day whose symptom share is missing (too few answers) is a gap', () => {
    const a = alignProgress({
      days: [
        { ...noEntry('2027-01-01'), symptom_share: 0.1 },
        { ...noEntry('2027-01-02'), symptom_share: null },
        { ...noEntry('2027-01-03'), symptom_share: 0.2 },
      ],
      cuts: [],
      questionnaires: [],
      cognition: [],
    });
    expect(a.symptoms).toEqual([10, null, 20]);
  });
  it('an empty journal has an empty axis', () => {
    expect(alignProgress({ days: [], cuts: [], questionnaires: [], cognition: [] }).dates).toEqual([]);
  });
});
