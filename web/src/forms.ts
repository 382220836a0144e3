// Shows a problem document next to the fields it names ("sleep.quality" -> the field registered
// under that name); what no field claims goes to the form's summary line.
import { ApiError } from './api';
import { Field, setFieldError } from './dom';

export function showProblem(error: unknown, fields: Record<string, Field>, summary: HTMLElement): void {
  for (const f of Object.values(fields)) setFieldError(f, '');
  if (!(error instanceof ApiError)) {
    summary.textContent = 'Something went wrong. Please try again.';
    return;
  }
  const unclaimed: string[] = [];
  for (const e of error.fieldErrors) {
    const f = fields[e.field] ?? fields[e.field.replace(/^[a-z_]+\./, '')];
    if (f) setFieldError(f, e.message);
    else unclaimed.push(e.field ? `${e.field}: ${e.message}` : e.message);
  }
  let text = error.problem.detail || error.problem.title || error.message;
  if (error.status === 429) text = 'Too many attempts. Please wait a little and try again.';
  if (unclaimed.length) text = `${text} ${unclaimed.join('; ')}`;
  summary.textContent = error.fieldErrors.length && !unclaimed.length ? 'Please check the highlighted fields.' : text;
}

export function clearProblems(fields: Record<string, Field>, summary: HTMLElement): void {
  for (const f of Object.values(fields)) setFieldError(f, '');
  summary.textContent = '';
}
