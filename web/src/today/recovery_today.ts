// Today after the last dose (docs/tracking.md, "After the last dose"): days and weeks since it, no step and
// no taper decision, anything that persists or returns beyond what the model expects said
// plainly with a suggestion of professional help, the monthly check-ups due, and the doses list
// only when something was logged. The lighter check-in follows (recovery_checkin.ts).
import { api, personPath } from '../api';
import { h } from '../dom';
import { personId } from '../session';
import type { DoseLog, RecoveryToday, Schemas, Today } from '../api/types';

export type { RecoveryToday };

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

// "2026-12-07. 220 days (31 weeks) since your last dose on 2026-05-01." (pure, tested)
export function recoveryLead(date: string, r: RecoveryToday): string {
  return `${date}. ${plural(r.days_since_last_dose, 'day', 'days')} (${plural(r.weeks_since_last_dose, 'week', 'weeks')}) since your last dose on ${r.last_dose_date}.`;
}

// The check-ups due, each with where to do it (pure, tested).
export function checkupsDue(r: RecoveryToday): { text: string; href: string }[] {
  const c = r.checkups;
  const due: { text: string; href: string }[] = [];
  if (c.phq9_due || c.gad7_due) {
    const which = [c.phq9_due ? 'PHQ-9 (mood)' : '', c.gad7_due ? 'GAD-7 (anxiety)' : ''].filter(Boolean).join(' and ');
    due.push({ text: `Questionnaires: ${which}`, href: '#/questionnaires' });
  }
  if (c.cognition_due) due.push({ text: 'A memory and attention session', href: '#/tests' });
  return due;
}

function loggedText(d: DoseLog): string {
  const what = `${d.drug_id} ${d.dose_mg} mg`;
  return `${d.status === 'extra' ? 'Taken' : d.status}: ${what}${d.time ? ` at ${d.time}` : ''}.`;
}

export async function renderRecoveryToday(
  main: HTMLElement,
  doc: Pick<Today, 'date' | 'unplanned' | 'latest_decision'> & { recovery: RecoveryToday },
): Promise<void> {
  const r = doc.recovery;
  main.append(
    h('p', { class: 'lead', 'data-testid': 'recovery-lead' }, recoveryLead(doc.date, r)),
    h(
      'p',
      {},
      'You have stopped: there is nothing to take. Your body and brain keep recovering for months after the last dose, and symptoms can come and go in that time. A lighter check-in now: the symptoms that remain, sleep and mood.',
    ),
  );
  if (doc.latest_decision) {
    main.append(
      h(
        'p',
        {},
        `Latest decision (${doc.latest_decision.date}): ${doc.latest_decision.kind}. ${doc.latest_decision.reason}`,
      ),
    );
  }
  // Concerns need the model (GET /recovery); Today shows without them if it cannot answer.
  const answer = await api
    .get<Schemas['RecoveryAnswer']>(personPath(personId(), '/recovery'))
    .catch((): Schemas['RecoveryAnswer'] => ({ recovery: null }));
  const concerns = answer.recovery?.concerns ?? [];
  if (concerns.length) {
    main.append(
      h(
        'section',
        {
          class: 'card notice recovery-concerns',
          role: 'status',
          'aria-labelledby': 'concerns-title',
          'data-testid': 'recovery-concerns',
        },
        h('h2', { id: 'concerns-title' }, 'Please talk to a clinician'),
        concerns.map((c) => h('p', {}, c.message)),
        answer.recovery?.help ? h('p', {}, h('strong', {}, answer.recovery.help)) : null,
      ),
    );
  }
  const due = checkupsDue(r);
  main.append(
    h(
      'section',
      { class: 'card', 'aria-labelledby': 'checkups-title', 'data-testid': 'recovery-checkups' },
      h('h2', { id: 'checkups-title' }, 'Monthly check-ups'),
      due.length
        ? [
            h(
              'p',
              {},
              `Suggested every ${r.checkups.every_days} days after the last dose, to follow your recovery against your own baseline (see Progress). Due now:`,
            ),
            h(
              'ul',
              { class: 'plain-list' },
              due.map((d) => h('li', {}, h('a', { href: d.href }, d.text))),
            ),
          ]
        : h('p', {}, `Done for this month. The next are suggested ${r.checkups.every_days} days after the last ones.`),
    ),
  );
  const logged = doc.unplanned;
  if (logged.length) {
    main.append(
      h(
        'section',
        { class: 'card', 'aria-labelledby': 'doses-title' },
        h('h2', { id: 'doses-title' }, 'Doses logged today'),
        h(
          'ul',
          { class: 'plain-list' },
          logged.map((d) => h('li', {}, loggedText(d))),
        ),
      ),
    );
  }
}
