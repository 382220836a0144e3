// The check-in answer's symptom score in words (pure, tested). The score is the sum over the
// items answered, shown against their maximum (4 per answered item) with the count of answered
// items: a skipped symptom is missing, not "none". A score from too few answers is shown but not
// used for the plan's decisions (the server says so in `counts`).

export interface ScoreDoc {
  sum?: number;
  max?: number;
  share?: number | null;
  answered?: number;
  items?: number;
  counts?: boolean;
}

// The server's least number of answers for a score to count (symptom_answers.hpp).
export const MIN_ANSWERED = 11;

export function symptomScoreText(s: ScoreDoc): string | null {
  if (typeof s.sum !== 'number' || typeof s.max !== 'number') return null;
  const answered = typeof s.answered === 'number' && typeof s.items === 'number' ? `${s.answered} of ${s.items} answered` : null;
  if (s.max === 0 || s.share === null) {
    return `No symptom score today: the checklist was not answered${answered ? ` (${answered})` : ''}.`;
  }
  const share = typeof s.share === 'number' ? s.share : s.sum / s.max;
  let text = `Symptom score today: ${s.sum} of ${s.max} (${Math.round(share * 100)}%)`;
  text += answered ? `, ${answered}.` : '.';
  if (s.counts === false) {
    text += ` With fewer than ${MIN_ANSWERED} symptoms answered, this score is kept in your journal but not used to judge your plan.`;
  }
  return text;
}
