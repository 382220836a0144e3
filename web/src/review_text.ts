// The plan review after a check-in or questionnaire, in plain words. The server answers
// "review": {decision: Decision | null, plan_change: string, new_plan_version: number | null,
// next_review: "YYYY-MM-DD" | null, paused: boolean} (src/server/routes/journal_json.cpp); a Decision is
// {kind: continue|hold|slow|urgent, reason, date, ...}. Older or looser shapes are tolerated.

const KIND_WORDS: Record<string, string> = {
  continue: 'Carry on with the plan as it is.',
  hold: 'Stay on the current dose for a while longer before the next cut.',
  slow: 'Slow down: the next steps will be smaller or further apart.',
  urgent: 'Get help now. Your plan is paused: no further cuts until you or your clinician resume it. Keep taking your current dose: do not stop suddenly.',
};

type Obj = Record<string, unknown>;
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v : undefined);

export function reviewLines(review: unknown): string[] {
  if (typeof review === 'string') return review.trim() ? [review] : [];
  if (!review || typeof review !== 'object') return [];
  const r = review as Obj;
  const lines: string[] = [];
  const decision = (r.decision && typeof r.decision === 'object' ? r.decision : null) as Obj | null;
  const outcome = (r.outcome && typeof r.outcome === 'object' ? r.outcome : null) as Obj | null;
  const kind = str(decision?.kind) ?? str(r.kind) ?? str(outcome?.kind);
  const reason = str(decision?.reason) ?? str(r.reason) ?? str(outcome?.reason);
  if (str(r.text)) lines.push(str(r.text) as string);
  if (kind) {
    lines.push(`Decision for today: ${KIND_WORDS[kind] ?? kind}`);
    if (reason) lines.push(`Why: ${reason}`);
  } else {
    const due = str(r.due_on) ?? str(r.next_review) ?? str(outcome?.due_on);
    if (reason) lines.push(reason);
    // No "carry on as planned" here: a plan paused by an earlier decision stays paused.
    if (r.paused === true) {
      lines.push(
        'Your plan is paused: no cut starts until you or your clinician resume it, after a check-in on a later day without a seizure, confusion, hallucinations or thoughts of self-harm (see Today). Keep taking your current dose: do not stop suddenly.',
      );
    } else if (due) lines.push(`No decision was due today. Your plan is next reviewed on ${due}.`);
    else if (!reason && !lines.length) lines.push('No change to your plan today.');
  }
  const change = str(r.plan_change);
  const version = (r.new_version && typeof r.new_version === 'object' ? r.new_version : null) as Obj | null;
  const versionNumber = typeof r.new_plan_version === 'number' ? r.new_plan_version : undefined;
  if (change) {
    let from = '';
    if (version && str(version.effective_from)) from = ` (plan version ${String(version.version)}, from ${String(version.effective_from)})`;
    else if (versionNumber !== undefined) from = ` (now plan version ${versionNumber})`;
    lines.push(`What changes${from}: ${change}`);
  } else if (versionNumber !== undefined) {
    lines.push(`Your plan changed: it is now plan version ${versionNumber}. See the Plan page.`);
  }
  return lines;
}

export function isUrgent(review: unknown): boolean {
  if (!review || typeof review !== 'object') return false;
  const r = review as Obj;
  const decision = r.decision as Obj | undefined;
  return decision?.kind === 'urgent' || r.kind === 'urgent';
}
