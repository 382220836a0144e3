// Reminders while the app is open (issue 22): when a planned dose's time comes and it is not yet
// confirmed, a notification (when the person has allowed them) and a banner on the page. The doses
// come from the last Today the app fetched (kept.ts), so this works offline too. A phone's own
// alarms, with the app closed, come from the calendar subscription (settings).

import type { Today, TodayDose } from '../api/types';

// What reminders read of the last Today fetched: its date and doses, each at the person's local
// time ("08:00").
export type ReminderDose = Pick<TodayDose, 'drug' | 'time' | 'dose_mg' | 'units' | 'logged'>;
export type ReminderDay = Pick<Today, 'date'> & { doses: ReminderDose[] };

// A dose is worth a reminder for this long after its time (assumed: two hours; after that the
// Today page, not an alert, is the place to catch up).
export const REMINDER_WINDOW_MINUTES = 120;

export function localDate(d: Date): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

function minutesOf(time: string): number | null {
  const m = /^(\d{1,2}):(\d{2})$/.exec(time);
  if (!m) return null;
  return Number(m[1]) * 60 + Number(m[2]);
}

export function reminderKey(date: string, dose: ReminderDose): string {
  return `${date} ${dose.time} ${dose.drug}`;
}

// The doses of `day` whose time has come (within the window) on `now`'s date, not confirmed and
// not yet reminded of.
export function dueDoses(day: ReminderDay | null, now: Date, reminded: ReadonlySet<string>): ReminderDose[] {
  if (!day || day.date !== localDate(now)) return [];
  const nowMinutes = now.getHours() * 60 + now.getMinutes();
  return day.doses.filter((dose) => {
    if (dose.logged || dose.dose_mg <= 0) return false;
    const at = minutesOf(dose.time);
    if (at === null || at > nowMinutes || nowMinutes - at > REMINDER_WINDOW_MINUTES) return false;
    return !reminded.has(reminderKey(day.date, dose));
  });
}

export function reminderText(dose: ReminderDose): string {
  const mg = `${Number(dose.dose_mg.toFixed(3))} mg`;
  return `It is time for your ${dose.time} dose: ${dose.drug} ${mg}${dose.units ? ` (${dose.units})` : ''}.`;
}
