// The clinician pages' words and order (src/clinician/format.ts) for answers shaped as the server's
// (src/journal/clinic_dashboard.cpp, src/server/routes/clinician_routes.cpp).
import { describe, expect, it } from 'vitest';
import {
  accessLine,
  accessWhat,
  adherenceText,
  attentionLabel,
  daysOnStepText,
  doseText,
  formatDay,
  orderRows,
  reasonsText,
  reviewable,
  reviewField,
  reviewRequest,
  reviewText,
  scoreText,
  stepText,
  trendText,
  type ReviewForm,
} from '../src/clinician/format';
import type { DashboardRow, DecisionReview, ReviewedDecision } from '../src/clinician/types';

function row(over: Partial<DashboardRow> = {}): DashboardRow {
  return {
    person_id: 1,
    name: 'Pat',
    date: '2026-12-07',
    attention: 'on-track',
    reasons: [],
    phase: 'taper',
    paused: false,
    step: 2,
    steps_total: 28,
    days_on_step: 5,
    doses: [{ drug_id: 'clonazepam', daily_mg: 0.9 }],
    diazepam_equivalent_mg: 18,
    symptom_trend: { check_ins_last_7: 5, mean_last_7: 0.25, mean_previous_7: 0.125, direction: 'worse' },
    last_check_in: '2026-12-07',
    phq9: { date: '2026-12-01', total: 12, band: 'moderate' },
    gad7: null,
    adherence: { days: 7, planned: 14, taken: 12, missed: 2, share: 12 / 14 },
    decisions_to_review: [],
    latest_decision: null,
    ...over,
  };
}

describe('dashboard rows', () => {
  it('keeps the server order within a group and puts urgent first', () => {
    const rows = [
      row({ person_id: 1, attention: 'on-track' }),
      row({ person_id: 2, attention: 'review' }),
      row({ person_id: 3, attention: 'urgent' }),
      row({ person_id: 4, attention: 'review' }),
      row({ person_id: 5, attention: 'check-ins-missed' }),
      row({ person_id: 6, attention: 'urgent' }),
    ];
    expect(orderRows(rows).map((r) => r.person_id)).toEqual([3, 6, 2, 4, 5, 1]);
    // An already ordered answer stays as it is.
    const ordered = orderRows(rows);
    expect(orderRows(ordered)).toEqual(ordered);
  });

  it('names the group and every reason', () => {
    expect(attentionLabel('urgent')).toBe('Urgent');
    expect(attentionLabel('review')).toBe('Review waiting');
    expect(reasonsText([])).toBe('Nothing needs attention.');
    expect(reasonsText(['phq9-item9', 'review-waiting'])).toBe(
      'PHQ-9 item 9 above 0 (thoughts of self-harm); a hold or slow-down waiting for your review.',
    );
  });

  it('writes the step, dose, days on it, trend, scores and adherence', () => {
    const r = row();
    expect(stepText(r)).toBe('Step 2 of 28');
    expect(stepText(row({ paused: true }))).toBe('Step 2 of 28 (paused)');
    expect(stepText(row({ step: null, phase: 'no-plan' }))).toBe('No plan yet');
    expect(doseText(r)).toBe('clonazepam 0.9 mg a day (18 mg diazepam equivalent)');
    expect(doseText(row({ doses: [] }))).toBe('No dose recorded');
    expect(daysOnStepText(r)).toBe('5 days');
    expect(daysOnStepText(row({ days_on_step: 1 }))).toBe('1 day');
    expect(trendText(r.symptom_trend)).toBe('Worse: 13% to 25% (5 check-ins in 7 days)');
    expect(
      trendText({ check_ins_last_7: 1, mean_last_7: null, mean_previous_7: null, direction: 'not enough data' }),
    ).toBe('Not enough data (1 check-in in 7 days)');
    expect(scoreText(r.phq9)).toBe('12, moderate (2026-12-01)');
    expect(scoreText(r.gad7)).toBe('Not taken');
    expect(adherenceText(r.adherence)).toBe('12 of 14 doses logged as taken (86%) in 7 days');
    expect(adherenceText({ days: 7, planned: 0, taken: 0, missed: 0, share: null })).toBe(
      'No doses planned in the last 7 days',
    );
  });
});

describe('access log', () => {
  const clinician = { id: 9, name: 'Dr Lee', email: 'lee@clinic.example', deleted: false };
  it('says what a view showed, in words', () => {
    expect(accessWhat({ action: 'view', what: 'GET /api/v1/people/{person_id}/progress' })).toBe(
      'looked at your progress charts',
    );
    expect(accessWhat({ action: 'view', what: 'GET /api/v1/clinician/dashboard' })).toBe(
      'looked at your row on their dashboard',
    );
    expect(accessWhat({ action: 'view', what: 'GET /api/v1/people/{person_id}/report.pdf' })).toBe(
      'looked at your visit report',
    );
    expect(accessWhat({ action: 'view', what: 'GET /api/v1/people/{person_id}/something-new' })).toBe(
      'looked at something-new',
    );
  });
  it('says what a link did', () => {
    expect(accessWhat({ action: 'link', what: 'code' })).toBe('linked with your code');
  });
  it('says what a review did', () => {
    expect(accessWhat({ action: 'review', what: 'decision 3: approve' })).toBe('approved plan decision 3');
    expect(accessWhat({ action: 'review', what: 'decision 4: edit, rate cap overridden' })).toBe(
      'changed plan decision 4 (above the usual rate cap, with a reason)',
    );
  });
  it('names who and when', () => {
    expect(
      accessLine(
        { at: '2026-12-07T22:41:51Z', action: 'view', what: 'GET /api/v1/people/{person_id}/decisions', clinician },
        'UTC',
      ),
    ).toBe('7 Dec 2026, 22:41: Dr Lee (lee@clinic.example) looked at the plan decisions.');
    expect(
      accessLine(
        {
          at: '2026-12-07T22:41:51Z',
          action: 'view',
          what: 'GET /api/v1/people/{person_id}',
          clinician: { ...clinician, deleted: true },
        },
        'UTC',
      ),
    ).toBe('7 Dec 2026, 22:41: A clinician whose account was closed looked at your profile.');
    expect(formatDay('2026-12-14T22:41:51Z', 'UTC')).toBe('14 December 2026');
  });
});

describe('reviews', () => {
  const form = (over: Partial<ReviewForm>): ReviewForm => ({
    action: 'edit',
    reason: '',
    holdDays: '',
    cut: '',
    every: '',
    overrideReason: '',
    maxCut: '',
    ...over,
  });

  it('only an unreviewed hold or slow-down is reviewable', () => {
    const d = { id: 1, kind: 'hold', review: null } as unknown as ReviewedDecision;
    expect(reviewable(d)).toBe(true);
    expect(reviewable({ ...d, kind: 'continue' })).toBe(false);
    expect(reviewable({ ...d, review: { id: 1 } } as unknown as ReviewedDecision)).toBe(false);
  });

  it('an approval sends nothing but its words', () => {
    expect(reviewRequest(form({ action: 'approve', holdDays: '7' }))).toEqual({ body: { action: 'approve' } });
    expect(reviewRequest(form({ action: 'approve', reason: ' fine ' }))).toEqual({
      body: { action: 'approve', reason: 'fine' },
    });
  });

  it('an edit needs a reason and a change, and the cut with its interval', () => {
    expect(reviewRequest(form({}))).toEqual({
      problems: {
        reason: 'Please say why, in words the person will read.',
        hold_days: 'Give a number of days to hold, or a new cut and interval.',
      },
    });
    expect(reviewRequest(form({ reason: 'r', cut: '5%' }))).toEqual({
      problems: { every: 'Give the interval with the cut, e.g. 28d.' },
    });
    expect(reviewRequest(form({ reason: 'r', holdDays: '2.5' }))).toEqual({
      problems: { hold_days: 'Please give a whole number of days, 1 to 84.' },
    });
    expect(reviewRequest(form({ reason: 'r', maxCut: '30%', cut: '30%', every: '14d' }))).toEqual({
      problems: { override_reason: 'Going above the rate cap needs your reason.' },
    });
    expect(reviewRequest(form({ reason: 'Slower for the winter', holdDays: '21', cut: '5%', every: '28d' }))).toEqual({
      body: { action: 'edit', reason: 'Slower for the winter', hold_days: 21, cut: '5%', every: '28d' },
    });
  });

  it('a safety-rule problem on the edited plan is shown at the cut', () => {
    expect(reviewField('plan')).toBe('cut');
    expect(reviewField('hold_days')).toBe('hold_days');
  });

  it('tells the person what the clinician did', () => {
    const review: DecisionReview = {
      id: 1,
      decision_id: 3,
      clinician_id: 9,
      action: 'approve',
      reason: '',
      plan_version_id: null,
      overrides_rate_cap: false,
      reviewed_at: '2026-12-07T22:41:51Z',
    };
    expect(reviewText(review, 'UTC')).toBe('Approved by the clinician on 7 Dec 2026, 22:41.');
    expect(reviewText({ ...review, action: 'edit', reason: 'Slower for the winter' }, 'UTC')).toBe(
      'Changed by the clinician on 7 Dec 2026, 22:41: Slower for the winter',
    );
  });
});
