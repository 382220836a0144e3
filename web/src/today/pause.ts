// A paused plan on Today (src/journal/pause.hpp): what the pause means, how long it lasts and how
// it ends, in the server's words, and the resume (POST /people/{pid}/plan/resume) once a check-in
// on a later day reported no red flag. Also the answer to a check-in that brought a red flag: an
// urgent card, never the mild "Thank you" one.
import { api, personPath } from '../api';
import { asyncListener, clear, field, h, liveRegion } from '../dom';
import { showHelpNow, showUrgent } from '../crisis';
import { showProblem } from '../forms';
import { personId } from '../session';
import type { Pause, ResumeResult, Today } from '../api/types';

// The lead line while paused: the step kept, never "day 40 of this step" or a next change.
export function pausedLead(date: string, step: { index: number; of: number } | null): string {
  return `${date}. Your plan is paused${step ? ` on step ${step.index} of ${step.of}` : ''}: no cut until it is resumed.`;
}

function resumeForm(onResumed: (message: string) => void): HTMLElement {
  const form = h('form', { class: 'pause-resume', novalidate: true });
  const legend = h('legend', {}, 'Who resumes the plan?');
  const person = h('input', { type: 'radio', name: 'by', value: 'person', id: 'resume-by-person', checked: true });
  const clinician = h('input', { type: 'radio', name: 'by', value: 'clinician', id: 'resume-by-clinician' });
  const who = h(
    'fieldset',
    {},
    legend,
    h('div', {}, person, h('label', { for: 'resume-by-person' }, ' I do, after talking with my prescriber or doctor')),
    h(
      'div',
      {},
      clinician,
      h('label', { for: 'resume-by-clinician' }, ' My clinician does (I record what they decided)'),
    ),
  );
  const reason = field(
    'Why the plan resumes',
    h('textarea', { name: 'reason', maxlength: 500, rows: 3 }),
    'In a few words, e.g. what your prescriber advised. It is kept with the plan.',
  );
  const summary = liveRegion('form-summary');
  const submit = h('button', { type: 'submit', class: 'primary' }, 'Resume my plan');
  form.append(who, reason.wrap, submit, summary);
  form.addEventListener(
    'submit',
    asyncListener(async (ev) => {
      ev.preventDefault();
      submit.disabled = true;
      summary.textContent = 'Resuming...';
      try {
        const answer = await api.post<ResumeResult>(personPath(personId(), '/plan/resume'), {
          by: clinician.checked ? 'clinician' : 'person',
          reason: reason.input.value,
        });
        summary.textContent = '';
        onResumed([answer.decision?.reason, answer.plan_change].filter(Boolean).join(' '));
      } catch (e) {
        showProblem(e, { reason }, summary);
      } finally {
        submit.disabled = false;
      }
    }),
  );
  return form;
}

// Sent by the check-in form once a check-in is stored: a calm one may allow the resume now.
export const CHECK_IN_SAVED = 'taperlab:check-in-saved';

function fillCard(card: HTMLElement, pause: Pause, onResumed: (message: string) => void): void {
  clear(card);
  card.append(h('h2', { id: 'pause-title', tabindex: -1 }, 'Your plan is paused'));
  for (const [i, line] of pause.words.entries()) {
    const last = i === pause.words.length - 1;
    card.append(h('p', { class: last && !pause.can_resume ? 'pause-blocker' : undefined }, line));
  }
  if (pause.can_resume) {
    card.append(resumeForm(onResumed));
  } else {
    const help = h('button', { type: 'button', class: 'secondary' }, 'Help now: emergency and crisis numbers');
    help.addEventListener('click', () => void showHelpNow());
    card.append(h('p', {}, help));
  }
}

// The pause card: the words, and the resume form or what stands in its way. It reads the pause
// again after each check-in saved on the page, so the resume is offered without a reload.
export function pauseCard(pause: Pause, onResumed: (message: string) => void): HTMLElement {
  const card = h('section', { class: 'card pause-card', 'aria-labelledby': 'pause-title', 'data-testid': 'pause' });
  fillCard(card, pause, onResumed);
  const onCheckIn = asyncListener(async () => {
    if (!card.isConnected) {
      document.removeEventListener(CHECK_IN_SAVED, onCheckIn);
      return;
    }
    try {
      const today = await api.get<Today>(personPath(personId(), '/today'));
      if (today.pause) fillCard(card, today.pause, onResumed);
    } catch {
      // The card keeps what it said; a reload reads it again.
    }
  });
  document.addEventListener(CHECK_IN_SAVED, onCheckIn);
  return card;
}

// The answer to a check-in with a red flag: the urgent screen at once, and in the page an urgent
// card (not "Thank you") that can bring the numbers back.
export function urgentReview(box: HTMLElement, message: string, reasons: string[], onClose: () => void): void {
  const again = h('button', { type: 'button', class: 'primary' }, 'Show the emergency numbers again');
  again.addEventListener('click', () => void showUrgent(message));
  box.classList.add('pause-card');
  box.append(h('h2', { tabindex: -1 }, 'Please get help now'), ...reasons.map((r) => h('p', {}, r)), h('p', {}, again));
  box.hidden = false;
  void showUrgent(message, onClose);
}
