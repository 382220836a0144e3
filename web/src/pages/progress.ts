// Progress: charts on one time axis (dose, symptoms, sleep and mood, questionnaires, memory and
// attention, modelled adaptation) with the dose cuts marked (progress_charts.ts); habit
// associations; plan versions and decisions. Each section is one call, so a new one fits in.
import { api, personPath } from '../api';
import { h, liveRegion, prescriberNote } from '../dom';
import { Cleanup } from '../router';
import { personId } from '../session';
import { planVersions } from '../plan/saved_plan';
import type { Decision, Progress, Schemas } from '../api/types';
import { renderProgressCharts } from './progress_charts';
import { renderHabits } from './progress_habits';
import { renderRecoveryProgress } from './progress_recovery';

export async function renderProgress(main: HTMLElement): Promise<Cleanup | void> {
  main.append(h('h1', {}, 'Progress'), prescriberNote());
  const status = liveRegion();
  main.append(status);
  const pid = personId();
  let doc: Progress;
  try {
    doc = await api.get<Progress>(personPath(pid, '/progress'));
  } catch {
    status.textContent = 'Could not load your progress.';
    return;
  }
  const versions = await planVersions().catch(() => []);
  const charts = h('section', { class: 'charts', 'aria-label': 'Charts' });
  main.append(charts);
  // Each section that draws charts adds its destroyer here.
  const cleanups: (() => void)[] = [];
  // After the last dose: recovery against the person's own baseline, first (progress_recovery.ts).
  cleanups.push(renderRecoveryProgress(charts, doc));
  cleanups.push(await renderProgressCharts(charts, pid, doc, versions));

  const habits = h(
    'section',
    { 'aria-labelledby': 'habits-title' },
    h('h2', { id: 'habits-title' }, 'Habits and next-day symptoms'),
  );
  main.append(habits);
  await renderHabits(habits, pid);

  main.append(
    h('h2', {}, 'Plan versions'),
    versions.length
      ? h(
          'ul',
          { class: 'plain-list', 'data-testid': 'plan-versions' },
          versions.map((v) =>
            h(
              'li',
              {},
              `Version ${v.version}, from ${v.effective_from}${v.reason ? `: ${v.reason}` : ''}${v.steps ? ` (${v.steps} steps)` : ''}`,
            ),
          ),
        )
      : h('p', {}, 'No plan saved yet.'),
  );
  const decisions = await api
    .get<Schemas['DecisionList']>(personPath(pid, '/decisions'))
    .then((d) => d.decisions)
    .catch((): Decision[] => []);
  main.append(
    h('h2', {}, 'Decisions'),
    decisions.length
      ? h(
          'ul',
          { class: 'plain-list' },
          decisions
            .slice()
            .reverse()
            .map((d) => h('li', {}, h('strong', {}, `${d.date}: ${d.kind}. `), d.reason)),
        )
      : h('p', {}, 'No decisions yet. The plan is reviewed at the end of each step from your check-ins.'),
  );
  return () => cleanups.forEach((c) => c());
}
