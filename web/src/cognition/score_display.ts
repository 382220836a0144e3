// How each memory and attention score is shown to a person: in units they know (milliseconds,
// digits, words), with the direction that counts as better said out loud. The stored score stays
// what scoring.ts computes and the server compares (docs/tracking.md); only its display changes here.
//
// Two stored scores are not in milliseconds:
// - choice-rt stores the mean log10 RT of correct trials; 10^score is the geometric mean RT in ms
//   (a plain back-transform, derived from the definition of the score).
// - pvt stores the mean response speed 1/RT in 1/s; 1000 / score is the harmonic mean RT in ms
//   (derived likewise).
// Both are then "lower is better", the same direction as the stored score of choice-rt and the
// reverse of pvt's: the display reads the direction from this table, never from the raw score.
import { TESTS } from './registry';

export type Direction = 'lower' | 'higher';

export interface ScoreDisplay {
  id: string;
  name: string; // the registry's name, for legends and headings
  quantity: string; // what the number is: "average reaction time"
  unit: string; // "ms", "digits", "words", "correct", "d′"
  direction: Direction; // which way is better, for the shown value
  group: string; // tests shown on one chart share a group (and so a unit and a direction)
  decimals: number;
  toDisplay(score: number): number | null; // null when the score cannot be shown in the unit
}

const same = (score: number) => score;

const DISPLAY: Omit<ScoreDisplay, 'name'>[] = [
  {
    id: 'pvt',
    quantity: 'average reaction time',
    unit: 'ms',
    direction: 'lower',
    group: 'reaction',
    decimals: 0,
    toDisplay: (speed) => (speed > 0 ? 1000 / speed : null),
  },
  {
    id: 'choice-rt',
    quantity: 'average reaction time',
    unit: 'ms',
    direction: 'lower',
    group: 'reaction',
    decimals: 0,
    toDisplay: (log10Ms) => 10 ** log10Ms,
  },
  {
    id: 'digit-span-forward',
    quantity: 'longest span',
    unit: 'digits',
    direction: 'higher',
    group: 'digit-span',
    decimals: 0,
    toDisplay: same,
  },
  {
    id: 'digit-span-backward',
    quantity: 'longest span',
    unit: 'digits',
    direction: 'higher',
    group: 'digit-span',
    decimals: 0,
    toDisplay: same,
  },
  {
    id: 'two-back',
    quantity: 'sensitivity (d′)',
    unit: 'd′',
    direction: 'higher',
    group: 'two-back',
    decimals: 2,
    toDisplay: same,
  },
  {
    id: 'symbol-digit',
    quantity: 'correct in 90 seconds',
    unit: 'correct',
    direction: 'higher',
    group: 'symbol-digit',
    decimals: 0,
    toDisplay: same,
  },
  {
    id: 'word-list-immediate',
    quantity: 'words recalled',
    unit: 'words',
    direction: 'higher',
    group: 'word-list',
    decimals: 0,
    toDisplay: same,
  },
  {
    id: 'word-list-delayed',
    quantity: 'words recalled',
    unit: 'words',
    direction: 'higher',
    group: 'word-list',
    decimals: 0,
    toDisplay: same,
  },
];

// The chart each group is drawn on: its title, its axis title (the unit) and which way is better.
export const GROUPS: Record<string, { title: string; axis: string; direction: Direction }> = {
  reaction: { title: 'Reaction times', axis: 'ms', direction: 'lower' },
  'digit-span': { title: 'Digit span', axis: 'digits', direction: 'higher' },
  'two-back': { title: '2-back (working memory)', axis: 'd′', direction: 'higher' },
  'symbol-digit': { title: 'Symbol-digit matching', axis: 'correct in 90 s', direction: 'higher' },
  'word-list': { title: 'Word list recall', axis: 'words', direction: 'higher' },
};

export function directionText(d: Direction): string {
  return d === 'lower' ? 'lower is better' : 'higher is better';
}

// The display of a test by id; an id the web app does not know is shown as it is stored, with
// its id as the name, rather than dropped.
export function scoreDisplay(testId: string): ScoreDisplay {
  const known = DISPLAY.find((d) => d.id === testId);
  const name = TESTS.find((t) => t.id === testId)?.name ?? testId;
  if (known) return { ...known, name };
  return {
    id: testId,
    name,
    quantity: 'score',
    unit: '',
    direction: 'higher',
    group: testId,
    decimals: 2,
    toDisplay: same,
  };
}

export function testName(testId: string): string {
  return scoreDisplay(testId).name;
}

export function displayValue(testId: string, score: number | null | undefined): number | null {
  if (typeof score !== 'number' || !Number.isFinite(score)) return null;
  const v = scoreDisplay(testId).toDisplay(score);
  return v === null || !Number.isFinite(v) ? null : v;
}

// "389 ms", "6 digits"; "—" when there is nothing to show.
export function formatScore(testId: string, score: number | null | undefined): string {
  const d = scoreDisplay(testId);
  const v = displayValue(testId, score);
  if (v === null) return '—';
  const text = Number(v.toFixed(d.decimals)).toString();
  return d.unit ? `${text} ${d.unit}` : text;
}

// The result heading of a finished test: "Your average reaction time: 389 ms (lower is better)".
export function resultSentence(testId: string, score: number | null | undefined): string {
  const d = scoreDisplay(testId);
  return `Your score: ${formatScore(testId, score)} (${d.quantity}; ${directionText(d.direction)})`;
}

// Whether `after` is better than `before` for this test, in the direction that counts; null when
// either is missing or they are equal.
export function isImprovement(
  testId: string,
  before: number | null | undefined,
  after: number | null | undefined,
): boolean | null {
  const a = displayValue(testId, before);
  const b = displayValue(testId, after);
  if (a === null || b === null || a === b) return null;
  return scoreDisplay(testId).direction === 'lower' ? b < a : b > a;
}
