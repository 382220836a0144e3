// Problem documents (RFC 9457) from the API as sentences a person can read: the server's field
// errors name fields by their ids ("sleep.quality", "by") and their messages are fragments ("is in
// the future", "expected text"); a raw detail can be a list of both ("date: is in the future").
import type { FieldProblem, Problem } from './api/types';

// A problem as the server writes it, or in part (made in the client: no connection, a proxy's page).
export type ProblemInit = Partial<Problem> & Pick<Problem, 'status'>;

// Fields whose id does not read well as words.
const LABELS: Record<string, string> = {
  by: 'Who resumes the plan',
  dose_mg: 'Dose',
  drug: 'Drug',
  planned_time: 'Planned time',
  red_flags: 'Warning signs',
  country: 'Country',
  time_zone: 'Time zone',
};

// "sleep.quality" -> "Sleep quality", "check_ins[3].mood" -> "Mood", "by" -> "Who resumes the plan".
export function fieldLabel(field: string): string {
  const bare = field.replace(/\[\d+\]/g, '');
  const parts = bare.split('.').filter(Boolean);
  // A record's prefix ("check_in.", "check_ins.") says where, not what.
  while (parts.length > 1 && /^(check_ins?|body|request|plan|profile|--from-json)$/.test(parts[0])) parts.shift();
  const key = parts.join('.');
  if (LABELS[key]) return LABELS[key];
  const words = key
    .replace(/^-+/, '')
    .replace(/[._-]+/g, ' ')
    .trim();
  return words ? words[0].toUpperCase() + words.slice(1) : 'This field';
}

// A fragment as a sentence: a capital first letter and a full stop.
export function sentence(text: string): string {
  const t = text.trim();
  if (!t) return '';
  const first = t[0].toUpperCase() + t.slice(1);
  return /[.!?)]$/.test(first) ? first : `${first}.`;
}

// Messages that go on from the field's name: "is in the future" -> "Date is in the future."
const CONTINUES = /^(is|are|was|were|must|should|has|have|cannot|can|needs|lies|does|may)\b/i;

export function fieldSentence(e: FieldProblem): string {
  const message = e.message.trim();
  if (!e.field) return sentence(message);
  const label = fieldLabel(e.field);
  const expected = /^expected\s+(.*)$/is.exec(message);
  if (expected) return sentence(`${label} should be ${expected[1]}`);
  if (CONTINUES.test(message)) return sentence(`${label} ${message}`);
  return `${label}: ${sentence(message)}`;
}

// Text that is not meant for people: markup, or a list of "field: fragment" pairs the errors give.
function looksRaw(detail: string): boolean {
  return /^\s*</.test(detail) || /^[a-z_.[\]0-9-]+: /.test(detail);
}

export function problemText(problem: ProblemInit): string {
  const errors = problem.errors ?? [];
  if (errors.length) return errors.map(fieldSentence).join(' ');
  if (problem.status === 429) return 'Too many attempts. Please wait a little and try again.';
  const detail = problem.detail?.trim() ?? '';
  if (detail && !looksRaw(detail)) return sentence(detail);
  if (problem.title?.trim()) return sentence(problem.title);
  return problem.status
    ? `The request failed (error ${problem.status}). Please try again.`
    : 'Something went wrong. Please try again.';
}
