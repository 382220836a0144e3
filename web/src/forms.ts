// Shows a problem document next to the fields it names ("sleep.quality" -> the field registered
// under that name); what no field claims goes to the form's summary line. Everything is shown as
// sentences (problem_text.ts), never as field ids or raw server text.
import { ApiError } from './api';
import { Field, setFieldError } from './dom';
import { fieldSentence, problemText, sentence } from './problem_text';

export function showProblem(error: unknown, fields: Record<string, Field>, summary: HTMLElement): void {
  for (const f of Object.values(fields)) setFieldError(f, '');
  if (!(error instanceof ApiError)) {
    summary.textContent = 'Something went wrong. Please try again.';
    return;
  }
  const unclaimed: string[] = [];
  for (const e of error.fieldErrors) {
    const f = fields[e.field] ?? fields[e.field.replace(/^[a-z_]+\./, '')];
    // Next to its field the label is already there: the message alone, as a sentence.
    if (f) setFieldError(f, sentence(e.message));
    else unclaimed.push(fieldSentence(e));
  }
  if (!error.fieldErrors.length) summary.textContent = problemText(error.problem);
  else summary.textContent = unclaimed.length ? unclaimed.join(' ') : 'Please check the highlighted fields.';
}

export function clearProblems(fields: Record<string, Field>, summary: HTMLElement): void {
  for (const f of Object.values(fields)) setFieldError(f, '');
  summary.textContent = '';
}
