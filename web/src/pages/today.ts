// Today: the step of the plan, doses to confirm, the daily check-in and the decision of the day.
import { api, ApiError, personPath } from '../api';
import { asyncListener, clear, h, liveRegion, prescriberNote } from '../dom';
import { showProblem } from '../forms';
import { instrument, Instrument } from '../instruments';
import { personId } from '../session';
import { reviewLines } from '../review_text';
import { CheckInForm, checkInForm } from '../today/checkin_form';
import { recoveryCheckInForm } from '../today/recovery_checkin';
import { renderRecoveryToday } from '../today/recovery_today';
import { CHECK_IN_SAVED, pauseCard, pausedLead, urgentReview } from '../today/pause';
import { symptomScoreText } from '../today/score_text';
import { dosesList } from '../today/doses';
import type { CheckInList, CheckInResult, Today } from '../api/types';

function stepText(t: Today): string {
  if (t.step) {
    let s = `Step ${t.step.index} of ${t.step.of}, day ${t.step.day_in_step} of this step.`;
    if (t.next_change_date)
      s += ` Next change on ${t.next_change_date}${t.days_to_next_change !== null ? ` (in ${t.days_to_next_change} days)` : ''}.`;
    return s;
  }
  if (t.plan_start_date) return `Your plan starts on ${t.plan_start_date}. Until then, keep to your current doses.`;
  return 'No plan saved yet. Your current doses are shown below.';
}

// After the last dose there is no plan to review: the check-in is saved and followed on Progress.
export function showReview(box: HTMLElement, answer: CheckInResult, afterLastDose = false): void {
  clear(box);
  const decided = answer.review.decision !== null;
  const heading = decided
    ? 'Thank you. Your decision for today'
    : afterLastDose
      ? 'Thank you. Your check-in is saved'
      : 'Thank you. No decision for today';
  box.append(h('h2', { tabindex: -1 }, heading));
  box.append(h('p', {}, symptomScoreText(answer.score)));
  if (afterLastDose && !decided)
    box.append(h('p', {}, 'Progress sets your recovery against your own baseline from before the taper.'));
  else for (const line of reviewLines(answer.review)) box.append(h('p', {}, line));
  box.append(prescriberNote());
  box.hidden = false;
  (box.firstElementChild as HTMLElement).focus();
}

async function renderCheckIn(
  main: HTMLElement,
  date: string,
  makeForm: (checklist: Instrument) => CheckInForm = checkInForm,
  afterLastDose = false,
): Promise<void> {
  const checklist = await instrument('symptom-checklist');
  if (!checklist) {
    main.append(h('p', {}, 'The symptom checklist could not be loaded.'));
    return;
  }
  const existing = await api
    .get<CheckInList>(personPath(personId(), `/check-ins?from=${date}&to=${date}`))
    .then((a) => a.check_ins.length)
    .catch(() => 0);
  const result = h('section', { class: 'card review', 'aria-live': 'polite', 'data-testid': 'review' });
  result.hidden = true;
  const form = makeForm(checklist);
  const summary = liveRegion('form-summary');
  const submit = h(
    'button',
    { type: 'submit', class: 'primary' },
    existing ? "Replace today's check-in" : 'Save check-in',
  );
  form.element.append(submit, summary);
  if (existing)
    form.element.prepend(h('p', { class: 'notice' }, 'You have already checked in today. Saving again replaces it.'));
  form.element.addEventListener(
    'submit',
    asyncListener(async (ev) => {
      ev.preventDefault();
      submit.disabled = true;
      summary.textContent = 'Saving...';
      const body = form.body(date);
      if (existing) body.replace = true;
      try {
        const answer = await api.post<CheckInResult>(personPath(personId(), '/check-ins'), body);
        summary.textContent = 'Check-in saved.';
        form.element.hidden = true;
        document.dispatchEvent(new CustomEvent(CHECK_IN_SAVED));
        const urgent = answer.urgent_message ?? answer.crisis_message;
        if (urgent) {
          // Closing the urgent screen shows Today again, paused: one dose list, and how it ends.
          clear(result);
          urgentReview(result, urgent, reviewLines(answer.review), () => void refreshToday(main));
        } else {
          showReview(result, answer, afterLastDose);
        }
      } catch (e) {
        if (e instanceof ApiError && e.status === 409)
          summary.textContent = 'A check-in for today is already stored. Reload the page to replace it.';
        else showProblem(e, form.fields, summary);
      } finally {
        submit.disabled = false;
      }
    }),
  );
  main.append(result, form.element);
}

// Today again after a pause began or ended, with what happened as a notice under the title.
async function refreshToday(main: HTMLElement, notice?: string): Promise<void> {
  clear(main);
  await renderToday(main);
  const title = main.querySelector('h1');
  if (notice) title?.after(h('p', { class: 'notice', role: 'status', 'data-testid': 'resumed' }, notice));
  const focus = main.querySelector<HTMLElement>('#pause-title') ?? title;
  if (focus) {
    focus.tabIndex = -1;
    focus.focus();
  }
}

export async function renderToday(main: HTMLElement): Promise<void> {
  main.append(h('h1', {}, 'Today'));
  const status = liveRegion();
  main.append(status);
  let today: Today;
  try {
    today = await api.get<Today>(personPath(personId(), '/today'));
  } catch (e) {
    status.textContent = e instanceof ApiError ? e.message : 'Could not load today.';
    return;
  }
  if (today.phase === 'recovery' && today.recovery) {
    // After the last dose: no step, no doses unless logged, and the lighter check-in.
    const recovery = today.recovery;
    await renderRecoveryToday(main, { ...today, recovery });
    await renderCheckIn(
      main,
      today.date,
      (checklist) => recoveryCheckInForm(checklist, recovery.remaining_symptoms),
      true,
    );
    return;
  }
  main.append(
    h('p', { class: 'lead' }, today.paused ? pausedLead(today.date, today.step) : `${today.date}. ${stepText(today)}`),
  );
  // While paused, "pause" says how the pause ends (null otherwise).
  if (today.pause) {
    main.append(pauseCard(today.pause, (done) => void refreshToday(main, done)));
  } else if (today.latest_decision) {
    main.append(
      h(
        'p',
        {},
        `Latest decision (${today.latest_decision.date}): ${today.latest_decision.kind}. ${today.latest_decision.reason}`,
      ),
    );
  }
  const dosesBox = h(
    'section',
    { class: 'card', 'aria-labelledby': 'doses-title' },
    h('h2', { id: 'doses-title' }, 'Doses today'),
  );
  if (today.doses.length === 0) {
    dosesBox.append(
      h(
        'p',
        {},
        today.plan_version === null && !today.plan_start_date
          ? 'Nothing planned yet. Make a plan, or enter your current doses on the Plan page.'
          : 'Nothing to take today.',
      ),
    );
  } else {
    dosesBox.append(
      h(
        'p',
        { class: 'hint' },
        'Tap "Taken" when you take each dose. A missed or extra dose is useful to know, not a failure.',
      ),
      dosesList(today.date, today.doses, { timeZone: today.time_zone, unplanned: today.unplanned }),
    );
  }
  main.append(dosesBox);
  // The page footer and the review box already carry the prescriber note.
  await renderCheckIn(main, today.date);
}
