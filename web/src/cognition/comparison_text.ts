// The server's comparison of a session with the person's own baseline on the same device, in
// plain words. The server answers {"practice": bool, "session_number": n, "baseline_score",
// "rci", "change": "improved"|"worse"|"no reliable change"|null}; older or other spellings
// ({"practice_run": n}, {"verdict": ...}) are read too.

import { formatScore } from './score_display';

type Obj = Record<string, unknown>;

const VERDICT_WORDS: Record<string, string> = {
  improved: 'Better than your baseline, by more than chance variation would explain.',
  worse: 'Lower than your baseline, by more than chance variation would explain. One result is not a verdict: sleep, stress and time of day all matter. Mention it to your prescriber if it repeats.',
  'no reliable change': 'About the same as your baseline: any difference is within normal test-to-test variation.',
  no_reliable_change: 'About the same as your baseline: any difference is within normal test-to-test variation.',
};

// With the test's id, the baseline is shown in the test's own unit (ms, digits), not as stored.
export function comparisonText(c: unknown, testId?: string): string {
  if (typeof c === 'string') return VERDICT_WORDS[c] ?? c;
  if (!c || typeof c !== 'object') return 'No comparison yet.';
  const o = c as Obj;
  const practice =
    typeof o.practice_run === 'number'
      ? o.practice_run
      : o.practice === true || o.kind === 'practice'
        ? (o.session_number ?? o.run ?? '')
        : undefined;
  if (practice !== undefined) {
    return `Practice run${practice === '' ? '' : ` ${String(practice)} of 2`}. The first two sessions set your baseline, because most people improve with practice at first.`;
  }
  const verdict = [o.verdict, o.result, o.change, o.status, o.kind].find((v) => typeof v === 'string' && VERDICT_WORDS[v]) as string | undefined;
  const parts: string[] = [];
  if (verdict) parts.push(VERDICT_WORDS[verdict]);
  if (typeof o.baseline_score === 'number') parts.push(`Baseline score: ${testId ? formatScore(testId, o.baseline_score) : o.baseline_score}.`);
  if (typeof o.rci === 'number') parts.push(`(Reliable change index ${o.rci.toFixed(2)}; beyond ±1.96 counts as a reliable change.)`);
  if (typeof o.text === 'string') parts.unshift(o.text);
  if (typeof o.message === 'string') parts.unshift(o.message);
  return parts.length ? parts.join(' ') : 'No comparison yet.';
}

export function verdictOf(c: unknown): string | null {
  if (typeof c === 'string') return c;
  if (!c || typeof c !== 'object') return null;
  const o = c as Obj;
  if (typeof o.practice_run === 'number' || o.practice === true || o.kind === 'practice') return 'practice';
  for (const v of [o.verdict, o.result, o.change, o.status]) if (typeof v === 'string') return v;
  return null;
}
