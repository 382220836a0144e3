// Reminders while the app is open (src/offline/reminders.ts): which doses are due.
import { describe, expect, it } from 'vitest';
import type { DoseLog } from '../src/api/types';
import { dueDoses, reminderKey, reminderText, ReminderDay } from '../src/offline/reminders';

// A confirmed dose, as POST /doses answered it.
const taken: DoseLog = {
  id: 1,
  person_id: 1,
  date: '2026-12-07',
  time: '14:02',
  planned_time: '14:00',
  drug_id: 'diazepam',
  dose_mg: 2.5,
  planned_dose_mg: 2.5,
  status: 'taken',
  note: '',
  confirmed_at: '2026-12-07T14:02:00Z',
  recorded_at: '2026-12-07T14:02:00Z',
};

const day: ReminderDay = {
  date: '2026-12-07',
  doses: [
    { drug: 'diazepam', time: '08:00', dose_mg: 5, units: '1 x 5 mg tablet', logged: null },
    { drug: 'diazepam', time: '14:00', dose_mg: 2.5, units: '', logged: taken },
    { drug: 'diazepam', time: '20:00', dose_mg: 5, units: '', logged: null },
  ],
};

const at = (time: string, date = '2026-12-07') => new Date(`${date}T${time}:00`);

describe('dose reminders', () => {
  it('is due at its time, not before', () => {
    expect(dueDoses(day, at('07:59'), new Set())).toEqual([]);
    expect(dueDoses(day, at('08:00'), new Set()).map((d) => d.time)).toEqual(['08:00']);
  });

  it('skips confirmed doses, reminded ones, and doses long past', () => {
    expect(dueDoses(day, at('14:30'), new Set())).toEqual([]); // 08:00 is 6.5 h ago; 14:00 is taken
    const reminded = new Set([reminderKey(day.date, day.doses[2])]);
    expect(dueDoses(day, at('20:10'), reminded)).toEqual([]);
    expect(dueDoses(day, at('20:10'), new Set()).map((d) => d.time)).toEqual(['20:00']);
  });

  it("follows only the day's own doses", () => {
    expect(dueDoses(day, at('08:05', '2026-12-08'), new Set())).toEqual([]);
    expect(dueDoses(null, at('08:05'), new Set())).toEqual([]);
  });

  it('says what to take', () => {
    expect(reminderText(day.doses[0])).toBe('It is time for your 08:00 dose: diazepam 5 mg (1 x 5 mg tablet).');
  });
});
