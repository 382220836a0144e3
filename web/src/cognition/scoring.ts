// Scoring of the memory and attention tests (docs/tracking.md). Pure functions: no DOM, no clocks.

// ---------- statistics helpers ----------

export function mean(xs: number[]): number | null {
  if (xs.length === 0) return null;
  return xs.reduce((a, b) => a + b, 0) / xs.length;
}

export function median(xs: number[]): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

// Inverse of the standard normal CDF (Acklam's rational approximation, |error| < 1.2e-9).
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`probability must be in (0, 1), got ${p}`);
  const a = [
    -3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1,
    2.506628277459239,
  ];
  const b = [
    -5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1,
  ];
  const c = [
    -7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968,
    2.938163982698783,
  ];
  const d = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
  const low = 0.02425;
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (
      (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
      ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
    );
  }
  if (p > 1 - low) return -normalQuantile(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return (
    ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) /
    (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1)
  );
}

// ---------- psychomotor vigilance (PVT-B, 3 minutes) ----------

export const PVT_LAPSE_MS = 355; // PVT-B lapse threshold (Basner 2011)
export const PVT_FALSE_START_MS = 100; // responses faster than this are anticipations

export interface PvtTrial {
  rt_ms: number | null; // null: no response before the time-out (counts as a lapse)
  timeout_ms?: number;
}

export interface PvtResult {
  score: number; // mean response speed, 1/RT in 1/s (higher is better)
  mean_reciprocal_rt: number;
  lapses: number;
  false_starts: number;
  valid_trials: number;
  median_rt_ms: number | null;
}

// `trials`: one per stimulus; `earlyResponses`: presses while no stimulus was shown.
export function scorePvt(trials: PvtTrial[], earlyResponses: number): PvtResult {
  let falseStarts = earlyResponses;
  let lapses = 0;
  const speeds: number[] = [];
  const rts: number[] = [];
  for (const t of trials) {
    const rt = t.rt_ms ?? t.timeout_ms ?? null;
    if (t.rt_ms !== null && t.rt_ms < PVT_FALSE_START_MS) {
      falseStarts += 1;
      continue;
    }
    if (rt === null) {
      lapses += 1;
      continue;
    }
    if (rt >= PVT_LAPSE_MS) lapses += 1;
    speeds.push(1000 / rt);
    rts.push(rt);
  }
  const speed = mean(speeds) ?? 0;
  return {
    score: round(speed, 4),
    mean_reciprocal_rt: round(speed, 4),
    lapses,
    false_starts: falseStarts,
    valid_trials: speeds.length,
    median_rt_ms: median(rts),
  };
}

// ---------- choice reaction time ----------

export interface ChoiceTrial {
  rt_ms: number;
  correct: boolean;
}

export interface ChoiceRtResult {
  score: number | null; // mean log10 RT (ms) of correct trials (lower is better)
  mean_log10_rt: number | null;
  mean_rt_ms: number | null; // of correct trials
  correct: number;
  errors: number;
  anticipations: number;
  trials: number;
}

export function scoreChoiceRt(trials: ChoiceTrial[]): ChoiceRtResult {
  const logs: number[] = [];
  const rts: number[] = [];
  let correct = 0;
  let anticipations = 0;
  for (const t of trials) {
    if (t.rt_ms < PVT_FALSE_START_MS) {
      anticipations += 1;
      continue;
    }
    if (t.correct) {
      correct += 1;
      logs.push(Math.log10(t.rt_ms));
      rts.push(t.rt_ms);
    }
  }
  const m = mean(logs);
  return {
    score: m === null ? null : round(m, 4),
    mean_log10_rt: m === null ? null : round(m, 4),
    mean_rt_ms: rts.length ? round(mean(rts) as number, 1) : null,
    correct,
    errors: trials.length - correct - anticipations,
    anticipations,
    trials: trials.length,
  };
}

// ---------- digit span ----------

export interface SpanState {
  length: number; // digits in the next sequence
  errorsAtLength: number;
  longestCorrect: number; // the score so far
  done: boolean;
  trials: { length: number; correct: boolean }[];
}

export const SPAN_MAX = 10;

export function startSpan(startLength: number): SpanState {
  return { length: startLength, errorsAtLength: 0, longestCorrect: 0, done: false, trials: [] };
}

// After a correct sequence the next is one digit longer; two errors at one length end the test.
export function nextSpan(state: SpanState, correct: boolean, maxLength = SPAN_MAX): SpanState {
  if (state.done) return state;
  const trials = [...state.trials, { length: state.length, correct }];
  if (correct) {
    const longest = Math.max(state.longestCorrect, state.length);
    const done = state.length >= maxLength;
    return { length: done ? state.length : state.length + 1, errorsAtLength: 0, longestCorrect: longest, done, trials };
  }
  const errors = state.errorsAtLength + 1;
  return { ...state, errorsAtLength: errors, done: errors >= 2, trials };
}

// Digits typed back (anything but digits ignored), compared in order (backward: reversed).
export function spanCorrect(shown: number[], typed: string, backward: boolean): boolean {
  const expected = backward ? [...shown].reverse() : shown;
  const digits = typed.replace(/\D/g, '');
  return digits === expected.join('');
}

// A random sequence without the same digit twice in a row.
export function spanSequence(length: number, rng: () => number): number[] {
  const out: number[] = [];
  while (out.length < length) {
    const d = 1 + Math.floor(rng() * 9);
    if (d !== out[out.length - 1]) out.push(d);
  }
  return out;
}

// ---------- 2-back ----------

export interface SignalCounts {
  hits: number;
  misses: number;
  false_alarms: number;
  correct_rejections: number;
}

// Rates of 0 or 1 are moved to 1/(2N) and 1 - 1/(2N) (Macmillan & Kaplan 1985).
export function correctedRate(count: number, n: number): number {
  if (n <= 0) throw new RangeError('no trials');
  const rate = count / n;
  if (rate <= 0) return 1 / (2 * n);
  if (rate >= 1) return 1 - 1 / (2 * n);
  return rate;
}

export function dPrime(c: SignalCounts): number {
  const h = correctedRate(c.hits, c.hits + c.misses);
  const f = correctedRate(c.false_alarms, c.false_alarms + c.correct_rejections);
  return normalQuantile(h) - normalQuantile(f);
}

// `isTarget[i]`: item i matches the one two back; `responded[i]`: the person pressed "match".
export function countSignals(isTarget: boolean[], responded: boolean[]): SignalCounts {
  const c: SignalCounts = { hits: 0, misses: 0, false_alarms: 0, correct_rejections: 0 };
  for (let i = 2; i < isTarget.length; i += 1) {
    if (isTarget[i]) {
      if (responded[i]) c.hits += 1;
      else c.misses += 1;
    } else if (responded[i]) c.false_alarms += 1;
    else c.correct_rejections += 1;
  }
  return c;
}

// Letters where about `targetShare` of the items from the third on match the one two back.
export function twoBackSequence(
  n: number,
  targetShare: number,
  rng: () => number,
  letters = 'BCDFGHJKLMNPQRSTVWXZ',
): { items: string[]; isTarget: boolean[] } {
  const items: string[] = [];
  const isTarget: boolean[] = [];
  for (let i = 0; i < n; i += 1) {
    if (i >= 2 && rng() < targetShare) {
      items.push(items[i - 2]);
      isTarget.push(true);
      continue;
    }
    let letter: string;
    do letter = letters[Math.floor(rng() * letters.length)];
    while (i >= 2 && letter === items[i - 2]);
    items.push(letter);
    isTarget.push(false);
  }
  return { items, isTarget };
}

// ---------- word list recall ----------

export function normaliseWord(w: string): string {
  return w
    .trim()
    .toLowerCase()
    .replace(/[^a-z]/g, '');
}

export interface RecallResult {
  score: number; // words of the list recalled (each once)
  recalled: string[];
  intrusions: string[];
}

export function scoreRecall(list: string[], typed: string): RecallResult {
  const target = new Map(list.map((w) => [normaliseWord(w), w]));
  const recalled = new Set<string>();
  const intrusions: string[] = [];
  for (const raw of typed.split(/[\s,;.]+/)) {
    const w = normaliseWord(raw);
    if (!w) continue;
    const match = target.has(w) ? w : w.endsWith('s') && target.has(w.slice(0, -1)) ? w.slice(0, -1) : null;
    if (match) recalled.add(match);
    else if (!intrusions.includes(w)) intrusions.push(w);
  }
  return { score: recalled.size, recalled: [...recalled], intrusions };
}

// ---------- helpers ----------

export function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

// Fisher-Yates with an injected random source.
export function shuffle<T>(xs: T[], rng: () => number): T[] {
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i -= 1) {
    const j = Math.floor(rng() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}
