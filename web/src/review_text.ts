// The plan review after a check-in or questionnaire, in plain words: the answer's "review"
// (Review in the OpenAPI document: src/server/routes/journal_json.cpp), {decision: Decision or
// null, plan_change, new_plan_version or null, next_review or null, paused}.
import type { Decision, Schemas } from './api/types';

type Review = Schemas['Review'];

const KIND_WORDS: Record<Decision['kind'], string> = {
  continue: 'Carry on with the plan as it is.',
  hold: 'Stay on the current dose for a while longer before the next cut.',
  slow: 'Slow down: the next steps will be smaller or further apart.',
  urgent:
    'Get help now. Your plan is paused: no further cuts until you or your clinician resume it. Keep taking your current dose: do not stop suddenly.',
};

export function reviewLines(r: Review): string[] {
  const lines: string[] = [];
  const decision = r.decision;
  if (decision) {
    lines.push(`Decision for today: ${KIND_WORDS[decision.kind]}`);
    if (decision.reason.trim()) lines.push(`Why: ${decision.reason}`);
  } else if (r.paused) {
    // No "carry on as planned" here: a plan paused by an earlier decision stays paused.
    lines.push(
      'Your plan is paused: no cut starts until you or your clinician resume it, after a check-in on a later day without a seizure, confusion, hallucinations or thoughts of self-harm (see Today). Keep taking your current dose: do not stop suddenly.',
    );
  } else if (r.next_review) lines.push(`No decision was due today. Your plan is next reviewed on ${r.next_review}.`);
  else lines.push('No change to your plan today.');
  const version = r.new_plan_version;
  if (r.plan_change.trim()) {
    lines.push(`What changes${version !== null ? ` (now plan version ${version})` : ''}: ${r.plan_change}`);
  } else if (version !== null) {
    lines.push(`Your plan changed: it is now plan version ${version}. See the Plan page.`);
  }
  return lines;
}
