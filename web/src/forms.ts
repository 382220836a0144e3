// Shows a problem document next to the fields it names ("sleep.quality" -> the field registered
// under that name); what no field claims goes to the form's summary line. Everything is shown as
// sentences (problem_text.ts), never as field ids or raw server text.
import { ApiError } from './api';
import { Field, setFieldError } from './dom';
import { fieldSentence, problemText, sentence } from './problem_text';

// The field a problem's field name belongs to: the API's name ("dose_mg", "sleep.quality"), or the
// same under a record's prefix ("check_in.sleep.quality").
function fieldFor(name: string, fields: Record<string, Field>): Field | undefined {
  return fields[name] ?? fields[name.replace(/^[a-z_]+\./, '')];
}

// Marks every field a 422 problem names: aria-invalid and the message next to it, the focus on the
// first. Returns the sentences no field claims; the fields it does not name are cleared.
export function markProblemFields(error: ApiError, fields: Record<string, Field>): string[] {
  for (const f of Object.values(fields)) setFieldError(f, '');
  const unclaimed: string[] = [];
  let first: Field | undefined;
  for (const e of error.fieldErrors) {
    const f = fieldFor(e.field, fields);
    // Next to its field the label is already there: the message alone, as a sentence.
    if (f) setFieldError(f, sentence(e.message));
    else unclaimed.push(fieldSentence(e));
    if (!first) first = f;
  }
  first?.input.focus();
  return unclaimed;
}

export function showProblem(error: unknown, fields: Record<string, Field>, summary: HTMLElement): void {
  for (const f of Object.values(fields)) setFieldError(f, '');
  if (!(error instanceof ApiError)) {
    summary.textContent = 'Something went wrong. Please try again.';
    return;
  }
  const unclaimed = markProblemFields(error, fields);
  if (!error.fieldErrors.length) summary.textContent = problemText(error.problem);
  else summary.textContent = unclaimed.length ? unclaimed.join(' ') : 'Please check the highlighted fields.';
}

export function clearProblems(fields: Record<string, Field>, summary: HTMLElement): void {
  for (const f of Object.values(fields)) setFieldError(f, '');
  summary.textContent = '';
}
