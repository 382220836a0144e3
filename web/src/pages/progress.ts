// Progress: charts on one time axis (dose, symptoms, sleep and mood, questionnaires, memory and
// attention, modelled adaptation) with the dose cuts marked; habit associations; plan versions
// and decisions.
import { api, personPath } from '../api';
import { h, liveRegion, prescriberNote } from '../dom';
import { Cleanup } from '../router';
import { personId } from '../session';
import { dateToSeconds, lineChart, LineSeries } from '../charts/line_chart';
import { alignProgress, hasValues, ProgressDoc } from '../progress_series';
import { planVersions } from '../plan/saved_plan';
import { renderHabits } from './progress_habits';

const PALETTE = ['#2f6690', '#3a7d44', '#7a5c99', '#b5651d', '#5b8e7d', '#8c6d31', '#4a6fa5', '#6b6b6b'];

interface Decision {
  date: string;
  kind: string;
  reason: string;
}

export async function renderProgress(main: HTMLElement): Promise<Cleanup | void> {
  main.append(h('h1', {}, 'Progress'), prescriberNote());
  const status = liveRegion();
  main.append(status);
  const pid = personId();
  let doc: ProgressDoc;
  try {
    doc = await api.get<ProgressDoc>(personPath(pid, '/progress'));
  } catch {
    status.textContent = 'Could not load your progress.';
    return;
  }
  const a = alignProgress(doc);
  const destroyers: (() => void)[] = [];
  const charts = h('section', { class: 'charts', 'aria-label': 'Charts' });
  main.append(charts);
  if (a.dates.length === 0) {
    charts.append(h('p', {}, 'Nothing to show yet. Charts appear once you have a plan or a few check-ins.'));
  } else {
    charts.append(h('p', { class: 'hint' }, 'Dashed vertical lines mark the days the dose was cut. All charts share one time axis.'));
    const x = a.dates.map(dateToSeconds);
    const markers = a.cuts.map(dateToSeconds);
    const add = (title: string, series: LineSeries[], yLabel?: string, yRange?: [number, number]) => {
      const shown = series.filter((s) => hasValues(s.values));
      if (shown.length === 0) return;
      const box = h('figure', { class: 'chart', 'aria-label': title });
      charts.append(box);
      destroyers.push(lineChart(box, { title, x, time: true, series: shown, markers, sync: 'progress', yLabel, yRange }));
    };
    add('Daily dose (diazepam equivalent)', [{ label: 'Dose', values: a.dose, color: PALETTE[0] }], 'mg a day');
    add('Symptom score (share of the maximum)', [{ label: 'Symptoms %', values: a.symptoms, color: PALETTE[3], points: true }], '%', [0, 100]);
    add('Sleep quality and mood (0 to 10)', [
      { label: 'Sleep quality', values: a.sleep, color: PALETTE[4], points: true },
      { label: 'Mood', values: a.mood, color: PALETTE[2], points: true },
    ], '0-10', [0, 10]);
    add('Questionnaire scores', Object.entries(a.questionnaires).map(([id, values], i) => ({ label: id.toUpperCase(), values, color: PALETTE[(i + 5) % PALETTE.length], points: true })));
    add('Memory and attention (100 = your first session)', Object.entries(a.cognition).map(([id, values], i) => ({ label: id, values, color: PALETTE[i % PALETTE.length], points: true })), '%');
    add('Modelled adaptation still to unwind, and withdrawal pressure', [
      { label: 'Adaptation remaining', values: a.adaptation, color: PALETTE[6] },
      { label: 'Withdrawal pressure', values: a.withdrawal, color: PALETTE[7], dash: [6, 3] },
    ]);
    charts.append(h('p', { class: 'hint' }, 'Modelled curves are estimates from a simple model, not measurements.'));
  }

  const habits = h('section', { 'aria-labelledby': 'habits-title' }, h('h2', { id: 'habits-title' }, 'Habits and next-day symptoms'));
  main.append(habits);
  await renderHabits(habits, pid);

  const versions = await planVersions().catch(() => []);
  main.append(
    h('h2', {}, 'Plan versions'),
    versions.length
      ? h('ul', { class: 'plain-list', 'data-testid': 'plan-versions' }, versions.map((v) => h('li', {}, `Version ${v.version}, from ${v.effective_from}${v.reason ? `: ${v.reason}` : ''}${v.steps ? ` (${v.steps} steps)` : ''}`)))
      : h('p', {}, 'No plan saved yet.'),
  );
  const decisions = await api
    .get<{ decisions: Decision[] }>(personPath(pid, '/decisions'))
    .then((d) => d.decisions ?? [])
    .catch(() => [] as Decision[]);
  main.append(
    h('h2', {}, 'Decisions'),
    decisions.length
      ? h('ul', { class: 'plain-list' }, decisions.slice().reverse().map((d) => h('li', {}, h('strong', {}, `${d.date}: ${d.kind}. `), d.reason)))
      : h('p', {}, 'No decisions yet. The plan is reviewed at the end of each step from your check-ins.'),
  );
  return () => destroyers.forEach((d) => d());
}
