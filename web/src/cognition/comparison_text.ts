// The server's comparison of a session with the person's own baseline on the same device, in
// plain words: {"practice": bool, "session_number": n, "baseline_score", "rci", "change":
// "improved" | "worse" | "no reliable change" | null} (CognitiveComparison).
import type { Schemas } from '../api/types';
import { formatScore } from './score_display';

type Comparison = Schemas['CognitiveComparison'];

const VERDICT_WORDS: Record<NonNullable<Comparison['change']>, string> = {
  improved: 'Better than your baseline, by more than chance variation would explain.',
  worse:
    'Lower than your baseline, by more than chance variation would explain. One result is not a verdict: sleep, stress and time of day all matter. Mention it to your prescriber if it repeats.',
  'no reliable change': 'About the same as your baseline: any difference is within normal test-to-test variation.',
};

// With the test's id, the baseline is shown in the test's own unit (ms, digits), not as stored.
export function comparisonText(c: Comparison, testId: string): string {
  if (c.practice) {
    return `Practice run ${c.session_number} of 2. The first two sessions set your baseline, because most people improve with practice at first.`;
  }
  const parts: string[] = [];
  if (c.change) parts.push(VERDICT_WORDS[c.change]);
  if (c.baseline_score !== null) parts.push(`Baseline score: ${formatScore(testId, c.baseline_score)}.`);
  if (c.rci !== null)
    parts.push(`(Reliable change index ${c.rci.toFixed(2)}; beyond ±1.96 counts as a reliable change.)`);
  return parts.length ? parts.join(' ') : 'No comparison yet.';
}
