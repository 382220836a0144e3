import { describe, expect, it } from 'vitest';
import { clockChangeNote, earlyConfirmQuestion, wallClock } from '../src/today/dose_clock';

describe('wallClock', () => {
  it('reads the time in the person zone, not the device zone', () => {
    // 06:35 UTC on Monday 7 December 2026 is 22:35 on Sunday in Los Angeles.
    const now = new Date('2026-12-07T06:35:00Z');
    expect(wallClock(now, 'America/Los_Angeles')).toEqual({ date: '2026-12-06', minutes: 22 * 60 + 35, text: '22:35' });
    expect(wallClock(now, 'Europe/London')).toEqual({ date: '2026-12-07', minutes: 6 * 60 + 35, text: '06:35' });
    expect(wallClock(new Date('2027-07-01T00:05:00Z'), 'Europe/London').text).toBe('01:05');
  });

  it('falls back to the device clock for an unknown zone', () => {
    const now = new Date('2026-12-07T06:35:00Z');
    expect(wallClock(now, 'Mars/Olympus_Mons')).toEqual(wallClock(now));
  });
});

describe('earlyConfirmQuestion', () => {
  const morning = { date: '2026-12-06', minutes: 6 * 60 + 18, text: '06:18' };
  it('asks before the evening dose is confirmed in the morning', () => {
    expect(earlyConfirmQuestion('2026-12-06', '20:00', morning)).toBe(
      'It is 06:18; this dose is planned for 20:00. Taken already?',
    );
  });
  it('does not ask within two hours of the planned time, after it, or for another day', () => {
    expect(earlyConfirmQuestion('2026-12-06', '08:00', morning)).toBeNull(); // 1 h 42 min early
    expect(earlyConfirmQuestion('2026-12-06', '08:18', morning)).toBeNull(); // exactly 2 h
    expect(earlyConfirmQuestion('2026-12-06', '08:19', morning)).not.toBeNull();
    expect(earlyConfirmQuestion('2026-12-06', '05:00', morning)).toBeNull();
    expect(earlyConfirmQuestion('2026-12-05', '20:00', morning)).toBeNull();
  });
});

describe('clockChangeNote', () => {
  it('explains the spring-forward gap and the repeated hour', () => {
    expect(clockChangeNote('02:30', '03:30', 'skipped')).toBe(
      'The clocks go forward today, so 02:30 does not exist: take it at 03:30.',
    );
    expect(clockChangeNote('01:30', '01:30', 'repeated')).toContain('happens twice');
    expect(clockChangeNote('08:00', '08:00', null)).toBeNull();
  });
});
