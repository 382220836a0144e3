// Dates on time axes, in the person's locale (navigator.language), never day numbers. Data points
// sit at local noon of their day (dateToSeconds), so ticks do too: a tick then names the day its
// points belong to whatever the time zone. Pure: no DOM, so it is unit tested.

const DAY_S = 86400;

// "YYYY-MM-DD" to unix seconds at local noon (no time-zone edge at midnight).
export function dateToSeconds(date: string): number {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(y, (m ?? 1) - 1, d ?? 1, 12).getTime() / 1000;
}

export function userLocale(): string | undefined {
  return typeof navigator !== 'undefined' && navigator.language ? navigator.language : undefined;
}

// A calendar date in the locale, with the year: "7 Dec 2026" (en-GB), "Dec 7, 2026" (en-US).
export function formatDate(seconds: number, locale = userLocale()): string {
  return new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', year: 'numeric' }).format(
    new Date(seconds * 1000),
  );
}

export function formatIsoDate(iso: string, locale = userLocale()): string {
  return formatDate(dateToSeconds(iso), locale);
}

// Tick steps in days; 30 and more step by calendar months (1, 3, 6, 12).
const DAY_STEPS = [1, 2, 7, 14];
const MONTH_STEPS = [1, 2, 3, 6, 12];

export interface TimeTicks {
  ticks: number[]; // unix seconds at local noon
  monthly: boolean; // labels then name the month, not the day
}

// At most `maxTicks` ticks from `min` to `max` (unix seconds).
export function timeTicks(min: number, max: number, maxTicks: number): TimeTicks {
  const days = Math.max(1, (max - min) / DAY_S);
  const room = Math.max(2, Math.floor(maxTicks));
  const step = DAY_STEPS.find((s) => days / s <= room);
  if (step !== undefined) {
    const first = new Date(min * 1000);
    const start = new Date(first.getFullYear(), first.getMonth(), first.getDate(), 12);
    if (start.getTime() / 1000 < min) start.setDate(start.getDate() + 1);
    // Weekly ticks fall on the same weekday as the first: the plan's steps start on one.
    const ticks: number[] = [];
    for (const d = start; d.getTime() / 1000 <= max; d.setDate(d.getDate() + step)) ticks.push(d.getTime() / 1000);
    return { ticks, monthly: false };
  }
  const months = days / 30.44;
  const mstep = MONTH_STEPS.find((s) => months / s <= room) ?? Math.ceil(months / room / 12) * 12;
  const first = new Date(min * 1000);
  const d = new Date(first.getFullYear(), first.getMonth(), 1, 12);
  if (d.getTime() / 1000 < min) d.setMonth(d.getMonth() + 1);
  // Quarter and longer steps start on a month that is a multiple of the step (Jan, Apr, Jul...).
  while (mstep > 1 && mstep <= 12 && d.getMonth() % mstep !== 0) d.setMonth(d.getMonth() + 1);
  const ticks: number[] = [];
  for (; d.getTime() / 1000 <= max; d.setMonth(d.getMonth() + mstep)) ticks.push(d.getTime() / 1000);
  return { ticks, monthly: true };
}

// Tick labels: "7 Dec" for day ticks (with the year on the first tick and at a change of year),
// "Dec 2026" for month ticks.
export function tickLabels(t: TimeTicks, locale = userLocale()): string[] {
  const day = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short' });
  const dayYear = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', year: 'numeric' });
  const month = new Intl.DateTimeFormat(locale, { month: 'short', year: 'numeric' });
  let lastYear: number | null = null;
  return t.ticks.map((s) => {
    const date = new Date(s * 1000);
    if (t.monthly) return month.format(date);
    const year = date.getFullYear();
    const withYear = lastYear === null || year !== lastYear;
    lastYear = year;
    return (withYear ? dayYear : day).format(date);
  });
}
