// The saved plan in force: calendar with print and calendar-file download.
import { api, apiUrl, personPath } from '../api';
import { append, button, h } from '../dom';
import { personId } from '../session';
import { cardText } from './alternatives_text';
import type { Plan, PlanVersion, PlanVersions, PlanVersionSummary } from '../api/types';
import { calendarTable } from './calendar';

export type { PlanVersionSummary };

export async function planVersions(): Promise<PlanVersionSummary[]> {
  const answer = await api.get<PlanVersions>(personPath(personId(), '/plans'));
  return answer.versions;
}

// The way of making the plan chosen in the preview, when there was a choice, with what to get.
function chosenAlternative(plan: Plan): HTMLElement | null {
  const alt = plan.alternatives.find((a) => a.chosen);
  if (!alt) return null;
  const text = cardText(alt, plan.country);
  return h(
    'div',
    { class: 'saved-alternative', 'data-testid': 'saved-alternative' },
    h('p', {}, h('strong', {}, 'This plan: '), text.heading.replace(/^Option \d+: /, ''), ` (${text.length}).`),
    h('p', {}, 'What to get:'),
    h(
      'ul',
      { class: 'plain-list' },
      text.toGet.map((t) => h('li', {}, t)),
    ),
  );
}

export async function renderSavedPlan(container: HTMLElement, latest: PlanVersionSummary): Promise<void> {
  const pid = personId();
  const doc = await api.get<PlanVersion>(personPath(pid, `/plans/${latest.version}`));
  const plan = doc.plan;
  // A version that revises a plan (a hold, a slow-down, going back a step) keeps the plan's
  // earlier steps: its first regimen is where the plan began, not what is taken now.
  const revision = Boolean(plan.start_date && plan.start_date < doc.effective_from);
  const start = plan.start_regimen.text;
  append(container, [
    h('h2', {}, `Plan version ${doc.version}, from ${doc.effective_from}`),
    plan.draft_notice ? h('p', { class: 'notice' }, plan.draft_notice) : null,
    doc.reason && !/^saved (in the web app|with taperlab plan --save)$/.test(doc.reason)
      ? h('p', { 'data-testid': 'version-reason' }, h('strong', {}, 'Why this version: '), doc.reason)
      : null,
    start
      ? h('p', {}, revision ? `The plan began on ${plan.start_date} from: ${start}` : `Starting from: ${start}`)
      : null,
    chosenAlternative(plan),
    h(
      'div',
      { class: 'actions no-print' },
      button('Print the calendar', () => window.print()),
      // The files are made from a whole plan's request; a revised version has none (the server
      // answers 409), so only its printed calendar is offered.
      revision
        ? null
        : h(
            'a',
            {
              class: 'button',
              href: apiUrl(personPath(pid, `/plans/${doc.version}/calendar.ics`)),
              download: `taperlab-plan-${doc.version}.ics`,
            },
            'Add to my calendar (.ics)',
          ),
      revision
        ? null
        : h(
            'a',
            {
              class: 'button',
              href: apiUrl(personPath(pid, `/plans/${doc.version}/calendar.csv`)),
              download: `taperlab-plan-${doc.version}.csv`,
            },
            'Download as a spreadsheet (.csv)',
          ),
    ),
    revision
      ? h(
          'p',
          { class: 'hint no-print' },
          'This version revises the plan, so it has no calendar file of its own: print the calendar below, and see each day on the Today page.',
        )
      : null,
    calendarTable(plan),
  ]);
}
