// The check-in answer's symptom score in words (pure, tested). The score is the sum over the
// items answered, shown against their maximum (4 per answered item) with the count of answered
// items: a skipped symptom is missing, not "none". A score from too few answers is shown but not
// used for the plan's decisions (the server says so in `counts`).
import type { CheckInScore } from '../api/types';

// The server's least number of answers for a score to count (symptom_answers.hpp).
export const MIN_ANSWERED = 11;

export function symptomScoreText(s: CheckInScore): string {
  const answered = `${s.answered} of ${s.items} answered`;
  if (s.max === 0 || s.share === null) {
    return `No symptom score today: the checklist was not answered (${answered}).`;
  }
  let text = `Symptom score today: ${s.sum} of ${s.max} (${Math.round(s.share * 100)}%), ${answered}.`;
  if (!s.counts) {
    text += ` With fewer than ${MIN_ANSWERED} symptoms answered, this score is kept in your journal but not used to judge your plan.`;
  }
  return text;
}
