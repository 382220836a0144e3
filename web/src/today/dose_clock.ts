// The person's wall clock in the browser: what time it is in their time zone (from their
// settings, not necessarily the device's), and whether confirming a dose now is well ahead of its
// planned time, so that the evening dose is not confirmed in the morning by a slip of the finger.

// Confirming "taken" more than this long before the planned time asks first (assumed: doses are
// commonly taken within an hour or two of their time; an evening dose confirmed in the morning is
// a slip, not a habit).
export const EARLY_CONFIRM_MINUTES = 120;

export interface WallClock {
  date: string; // YYYY-MM-DD
  minutes: number; // since midnight
  text: string; // HH:MM
}

function partsIn(now: Date, timeZone: string | undefined): Intl.DateTimeFormatPart[] {
  const options: Intl.DateTimeFormatOptions = {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  };
  try {
    return new Intl.DateTimeFormat('en-GB', { ...options, timeZone: timeZone || undefined }).formatToParts(now);
  } catch {
    // An unknown zone name (RangeError): the device's own clock is the best left.
    return new Intl.DateTimeFormat('en-GB', options).formatToParts(now);
  }
}

// `now` on the wall clock of `timeZone` (an IANA name; the device's when absent).
export function wallClock(now: Date, timeZone?: string): WallClock {
  const part = (type: Intl.DateTimeFormatPartTypes) =>
    partsIn(now, timeZone).find((p) => p.type === type)?.value ?? '00';
  const hour = part('hour') === '24' ? '00' : part('hour');
  const minute = part('minute');
  return {
    date: `${part('year')}-${part('month')}-${part('day')}`,
    minutes: Number(hour) * 60 + Number(minute),
    text: `${hour}:${minute}`,
  };
}

export function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return h * 60 + m;
}

// The question to ask before confirming a dose due at `due` (HH:MM) on `date`, or null when it is
// not well ahead of its time (or is for another day: logging yesterday's dose late asks nothing).
export function earlyConfirmQuestion(date: string, due: string, now: WallClock): string | null {
  if (now.date !== date) return null;
  if (minutesOf(due) - now.minutes <= EARLY_CONFIRM_MINUTES) return null;
  return `It is ${now.text}; this dose is planned for ${due}. Taken already?`;
}

// What a clock change does to a dose on the day, in words (the server decides the time:
// io/time_zone.hpp).
export function clockChangeNote(planned: string, due: string, change: string | null | undefined): string | null {
  if (change === 'skipped') return `The clocks go forward today, so ${planned} does not exist: take it at ${due}.`;
  if (change === 'repeated') return `The clocks go back today, so ${planned} happens twice: take it the first time.`;
  return null;
}
