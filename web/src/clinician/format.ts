// Words for the clinician pages and the person's "Share with my clinician" page, without the DOM
// (test/clinician_format.test.ts): the dashboard's cells, the access log's lines, the reviews.
import type {
  AccessEntry,
  DashboardRow,
  DashboardScore,
  DecisionReview,
  ReviewRequest,
  ReviewedDecision,
} from './types';

// The dashboard's groups, most pressing first (journal/clinic_dashboard.hpp, Attention).
const ATTENTION: Record<string, [number, string]> = {
  urgent: [0, 'Urgent'],
  review: [1, 'Review waiting'],
  'check-ins-missed': [2, 'Check-ins missed'],
  'doses-not-logged': [3, 'Doses not logged'],
  'on-track': [4, 'On track'],
};

export function attentionLabel(attention: string): string {
  return ATTENTION[attention]?.[1] ?? attention;
}

export function attentionRank(attention: string): number {
  return ATTENTION[attention]?.[0] ?? 5;
}

// The server sends the rows urgent first; kept in its order within a group (a stable sort), so a
// row that arrives out of its group is still shown where it belongs.
export function orderRows(rows: DashboardRow[]): DashboardRow[] {
  return rows
    .map((row, i) => ({ row, i }))
    .sort((a, b) => attentionRank(a.row.attention) - attentionRank(b.row.attention) || a.i - b.i)
    .map(({ row }) => row);
}

const REASONS: Record<string, string> = {
  'red-flag': 'a red flag in a check-in',
  'urgent-decision': 'an urgent decision (plan paused)',
  'phq9-item9': 'PHQ-9 item 9 above 0 (thoughts of self-harm)',
  'review-waiting': 'a hold or slow-down waiting for your review',
  'check-ins-missed': 'no check-in in the last 3 days',
  'doses-not-logged': 'planned doses not logged in the last 2 days',
};

export function reasonText(reason: string): string {
  return REASONS[reason] ?? reason.replace(/-/g, ' ');
}

export function reasonsText(reasons: readonly string[]): string {
  if (reasons.length === 0) return 'Nothing needs attention.';
  const words = reasons.map(reasonText);
  return `${words[0].charAt(0).toUpperCase()}${words[0].slice(1)}${words.length > 1 ? `; ${words.slice(1).join('; ')}` : ''}.`;
}

function mg(n: number): string {
  return `${Number(n.toFixed(3))} mg`;
}

export function stepText(row: DashboardRow): string {
  if (row.step === null) return row.phase === 'no-plan' ? 'No plan yet' : 'Not on a plan step';
  const step = `Step ${row.step} of ${row.steps_total}`;
  return row.paused ? `${step} (paused)` : step;
}

export function doseText(row: DashboardRow): string {
  if (row.doses.length === 0) return 'No dose recorded';
  const drugs = row.doses.map((d) => `${d.drug_id} ${mg(d.daily_mg)} a day`).join(', ');
  return row.diazepam_equivalent_mg > 0 ? `${drugs} (${mg(row.diazepam_equivalent_mg)} diazepam equivalent)` : drugs;
}

export function daysOnStepText(row: DashboardRow): string {
  if (row.step === null) return '-';
  return row.days_on_step === 1 ? '1 day' : `${row.days_on_step} days`;
}

const pct = (share: number) => `${Math.round(share * 100)}%`;

// The daily symptom score is a share of the checklist's maximum (0 to 100%).
export function trendText(trend: DashboardRow['symptom_trend']): string {
  const n = trend.check_ins_last_7;
  const count = `${n} check-in${n === 1 ? '' : 's'} in 7 days`;
  if (trend.mean_last_7 === null) return `Not enough data (${count})`;
  const direction = trend.direction.charAt(0).toUpperCase() + trend.direction.slice(1);
  const before = trend.mean_previous_7 === null ? '' : `${pct(trend.mean_previous_7)} to `;
  return `${direction}: ${before}${pct(trend.mean_last_7)} (${count})`;
}

// A questionnaire's latest score in its column (PHQ-9 or GAD-7): the total, its band and the day.
export function scoreText(score: DashboardScore | null): string {
  if (!score) return 'Not taken';
  return `${score.total}, ${score.band} (${score.date})`;
}

export function adherenceText(a: DashboardRow['adherence']): string {
  if (a.planned === 0 || a.share === null) return `No doses planned in the last ${a.days} days`;
  return `${a.taken} of ${a.planned} doses logged as taken (${pct(a.share)}) in ${a.days} days`;
}

// "14 Dec 2026, 22:41" in the given zone (the browser's when none).
export function formatWhen(iso: string, timeZone?: string): string {
  const when = new Date(iso);
  if (Number.isNaN(when.getTime())) return iso;
  return new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(when);
}

export function formatDay(iso: string, timeZone?: string): string {
  const when = new Date(iso);
  if (Number.isNaN(when.getTime())) return iso;
  return new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone }).format(when);
}

// What a clinician's audited request showed, in the person's words: the route template of a view
// ("GET /api/v1/people/{person_id}/progress"), or a review's own words ("decision 3: approve").
const VIEWS: [RegExp, string][] = [
  [/\/clinician\/dashboard$/, 'your row on their dashboard'],
  [/\/report\.(pdf|html)$/, 'your visit report'],
  [/\/export\.fhir\.json$/, 'your health-record export (FHIR)'],
  [/\/export$/, 'your whole journal export'],
  [/\/progress$/, 'your progress charts'],
  [/\/decisions$/, 'the plan decisions'],
  [/\/questionnaires(\/\{instrument\})?$/, 'your questionnaires'],
  [/\/check-ins$/, 'your check-ins'],
  [/\/doses$/, 'your dose log'],
  [/\/plans(\/\{version\})?$/, 'your plan'],
  [/\/plans\/current\/pharmacy$/, 'your pharmacy supply'],
  [/\/regimen$/, 'your medication'],
  [/\/today$/, 'your day'],
  [/\/status$/, 'your status'],
  [/\/insights$/, 'your insights'],
  [/\/recovery$/, 'your recovery'],
  [/\/cognitive-sessions$/, 'your memory and attention tests'],
  [/\/people\/\{person_id\}$/, 'your profile'],
];

export function accessWhat(entry: Pick<AccessEntry, 'action' | 'what'>): string {
  if (entry.action === 'link') return 'linked with your code';
  if (entry.action === 'unlink') return 'was unlinked';
  if (entry.action === 'review') {
    const m = /^decision (\d+): (approve|edit)(, rate cap overridden)?/.exec(entry.what);
    if (m) {
      const verb = m[2] === 'approve' ? 'approved' : 'changed';
      return `${verb} plan decision ${m[1]}${m[3] ? ' (above the usual rate cap, with a reason)' : ''}`;
    }
    return `reviewed: ${entry.what}`;
  }
  const path = entry.what.replace(/^[A-Z]+ /, '');
  for (const [pattern, words] of VIEWS) if (pattern.test(path)) return `looked at ${words}`;
  return `looked at ${path.replace(/^\/api\/v1\/people\/\{person_id\}\/?/, '') || 'your journal'}`;
}

export function clinicianName(c: { name: string; email: string; deleted: boolean }): string {
  if (c.deleted) return 'A clinician whose account was closed';
  return c.name ? `${c.name} (${c.email})` : c.email;
}

export function accessLine(entry: AccessEntry, timeZone?: string): string {
  return `${formatWhen(entry.at, timeZone)}: ${clinicianName(entry.clinician)} ${accessWhat(entry)}.`;
}

// A hold or slow-down can be reviewed until it is (journal/clinic_review.hpp).
export function reviewable(d: ReviewedDecision): boolean {
  return (d.kind === 'hold' || d.kind === 'slow') && !d.review;
}

export function decisionKindText(kind: string): string {
  switch (kind) {
    case 'hold':
      return 'Hold';
    case 'slow':
      return 'Slow down';
    case 'continue':
      return 'Continue';
    case 'urgent':
      return 'Urgent: plan paused';
    default:
      return kind;
  }
}

export function reviewText(review: DecisionReview, timeZone?: string): string {
  const when = formatWhen(review.reviewed_at, timeZone);
  const verb = review.action === 'approve' ? 'Approved by the clinician' : 'Changed by the clinician';
  const cap = review.overrides_rate_cap ? ' Above the usual rate cap, with the clinician’s reason.' : '';
  return `${verb} on ${when}${review.reason ? `: ${review.reason}` : '.'}${cap}`;
}

export interface ReviewForm {
  action: 'approve' | 'edit';
  reason: string;
  holdDays: string;
  cut: string;
  every: string;
  overrideReason: string;
  maxCut: string;
}

// The request body, or the problems found before sending: { field: message } with the API's names.
export function reviewRequest(form: ReviewForm): { body: ReviewRequest } | { problems: Record<string, string> } {
  if (form.action === 'approve') {
    const reason = form.reason.trim();
    return { body: reason ? { action: 'approve', reason } : { action: 'approve' } };
  }
  const problems: Record<string, string> = {};
  const body: ReviewRequest = { action: 'edit', reason: form.reason.trim() };
  if (!body.reason) problems.reason = 'Please say why, in words the person will read.';
  const days = form.holdDays.trim();
  if (days) {
    const n = Number(days);
    if (!Number.isInteger(n) || n < 1 || n > 84) problems.hold_days = 'Please give a whole number of days, 1 to 84.';
    else body.hold_days = n;
  }
  const cut = form.cut.trim();
  const every = form.every.trim();
  if (cut || every) {
    if (!cut) problems.cut = 'Give the cut with the interval, e.g. 5%.';
    if (!every) problems.every = 'Give the interval with the cut, e.g. 28d.';
    body.cut = cut;
    body.every = every;
  }
  if (!days && !cut && !every) problems.hold_days = 'Give a number of days to hold, or a new cut and interval.';
  const override = form.overrideReason.trim();
  const maxCut = form.maxCut.trim();
  if (maxCut && !override) problems.override_reason = 'Going above the rate cap needs your reason.';
  if (override) body.override_reason = override;
  if (maxCut) body.max_cut = maxCut;
  return Object.keys(problems).length ? { problems } : { body };
}

// The form field a 422 from the review names: "plan" (the edited plan breaks a safety rule) is
// shown at the cut, the field that most often does.
export function reviewField(field: string): string {
  return field === 'plan' ? 'cut' : field;
}
