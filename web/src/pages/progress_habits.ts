// Habit associations from GET /insights, worded as associations, not causes.
import { api, personPath } from '../api';
import { h } from '../dom';
import type { Insights } from '../api/types';

type HabitResult = Insights['habits']['results'][number];
type Worded = Pick<HabitResult, 'definition' | 'n_with' | 'n_without' | 'difference' | 'ci95' | 'survives_holm'>;

// The difference is in points of the next-day symptom score, 0 to 100 (habit_association.hpp).
export function habitSentence(r: Worded): string {
  if (r.difference === null || !r.ci95) {
    return `${r.definition}: not enough days yet (${r.n_with} with, ${r.n_without} without).`;
  }
  const dir = r.difference < 0 ? 'lower' : 'higher';
  const size = Math.abs(r.difference).toFixed(1);
  const ci = `${r.ci95[0].toFixed(1)} to ${r.ci95[1].toFixed(1)}`;
  const firm = r.survives_holm
    ? 'This difference is unlikely to be chance alone, though it does not show cause.'
    : 'This could well be chance.';
  return `${r.definition}: next-day symptom score ${size} points ${dir} on average, on its scale of 0 to 100 (95% interval ${ci}; ${r.n_with} days with, ${r.n_without} without). ${firm}`;
}

export async function renderHabits(box: HTMLElement, pid: number): Promise<void> {
  let doc: Insights;
  try {
    doc = await api.get<Insights>(personPath(pid, '/insights'));
  } catch {
    box.append(h('p', {}, 'Insights are not available right now.'));
    return;
  }
  const habits = doc.habits;
  if (habits.results.length === 0) {
    box.append(
      h(
        'p',
        {},
        'After a few weeks of check-ins, this shows whether days with a habit (such as exercise) are followed by easier days. About 30 days give a fair picture.',
      ),
    );
  } else {
    box.append(
      h(
        'p',
        { class: 'hint' },
        `${habits.paired_days} days so far; ${habits.recommended_days} recommended. Each habit needs at least ${habits.min_days_per_side} days with and without it.`,
      ),
      h(
        'ul',
        { class: 'plain-list', 'data-testid': 'habits' },
        habits.results.map((r) => h('li', {}, habitSentence(r))),
      ),
    );
  }
  for (const note of doc.notes) box.append(h('p', { class: 'hint' }, note));
}
