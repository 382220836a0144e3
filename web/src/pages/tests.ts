// Memory and attention: the list of tests with their history, and running one test, saving it
// (POST /cognitive-sessions) and showing how it compares with the person's own baseline.
import { api, personPath } from '../api';
import { asyncListener, button, h, liveRegion, prescriberNote } from '../dom';
import { showProblem } from '../forms';
import { Cleanup, navigate } from '../router';
import { personId } from '../session';
import { comparisonText } from '../cognition/comparison_text';
import { currentDevice } from '../cognition/device';
import { testById, TESTS } from '../cognition/registry';
import { directionText, formatScore, resultSentence, scoreDisplay } from '../cognition/score_display';
import { formatIsoDate } from '../charts/time_axis';
import { CognitiveTest, TestResult } from '../cognition/test_types';
import { Aborted } from '../cognition/timing';
import type { CognitiveSessionList, CognitiveSessionResult } from '../api/types';

// Each listed entry is {"session": {...}, "comparison": {...}}, oldest first.
type Entry = CognitiveSessionList['sessions'][number];

async function sessions(): Promise<Entry[]> {
  return (await api.get<CognitiveSessionList>(personPath(personId(), '/cognitive-sessions'))).sessions;
}

function historyTable(testId: string, list: Entry[]): HTMLElement {
  if (list.length === 0) return h('p', {}, 'No sessions yet.');
  const d = scoreDisplay(testId);
  const rows = list
    .slice(-10)
    .reverse()
    .map(({ session: s, comparison }) =>
      h(
        'tr',
        {},
        h('td', { class: 'date' }, formatIsoDate(s.date)),
        h('td', {}, formatScore(testId, s.result.score)),
        h('td', {}, comparisonText(comparison, testId)),
        h('td', {}, s.device),
      ),
    );
  return h(
    'div',
    { class: 'table-scroll' },
    h(
      'table',
      { class: 'history' },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', { scope: 'col' }, 'Date'),
          h('th', { scope: 'col' }, `Score (${d.quantity}; ${directionText(d.direction)})`),
          h('th', { scope: 'col' }, 'Compared with baseline'),
          h('th', { scope: 'col' }, 'Device'),
        ),
      ),
      h('tbody', {}, rows),
    ),
  );
}

async function renderList(main: HTMLElement): Promise<void> {
  main.append(
    h(
      'p',
      { class: 'lead' },
      'Short tests of attention and memory, every 4 weeks. Use the same device at the same time of day each time: results are compared only with your own earlier results on that device.',
    ),
    h(
      'p',
      {},
      'Long-term benzodiazepine use is linked with lower scores in several areas; after stopping, many improve over 6 to 12 months, though not always fully. The first two sessions are practice and set your baseline.',
    ),
  );
  const all = await sessions().catch(() => []);
  const list = h('ul', { class: 'choices' });
  for (const t of TESTS) {
    const mine = all.filter((e) => e.session.test_id === t.id);
    const last = mine[mine.length - 1]?.session;
    list.append(
      h(
        'li',
        {},
        h('a', { class: 'button', href: `#/tests/${t.id}` }, `${t.name} (${t.minutes} min)`),
        h(
          'p',
          { class: 'hint' },
          last
            ? `Last done ${formatIsoDate(last.date)}: ${formatScore(t.id, last.result.score)} (${directionText(scoreDisplay(t.id).direction)}). ${mine.length} session${mine.length === 1 ? '' : 's'}.`
            : 'Not done yet.',
        ),
      ),
    );
  }
  main.append(list);
}

function renderTest(main: HTMLElement, test: CognitiveTest): Cleanup {
  const controller = new AbortController();
  const stage = h('section', { class: 'stage', 'aria-label': test.name });
  const status = liveRegion();
  const result = h('section', { class: 'card review', 'data-testid': 'test-result', 'aria-live': 'polite' });
  result.hidden = true;
  const intro = h(
    'div',
    { class: 'card' },
    test.instructions.map((p) => h('p', {}, p)),
  );
  const blocked = test.available?.() ?? null;
  const start = h('button', { type: 'button', class: 'primary' }, 'Start');
  start.disabled = Boolean(blocked);
  if (blocked) intro.append(h('p', { class: 'notice' }, blocked));
  intro.append(start);
  const history = h('section', {}, h('h2', {}, 'Your earlier sessions'));
  main.append(intro, stage, status, result, history);
  void sessions()
    .then((all) =>
      history.append(
        historyTable(
          test.id,
          all.filter((e) => e.session.test_id === test.id),
        ),
      ),
    )
    .catch(() => history.append(h('p', {}, 'History not available.')));

  start.addEventListener(
    'click',
    asyncListener(async () => {
      intro.hidden = true;
      stage.replaceChildren();
      status.textContent = 'Test running.';
      let outcome: TestResult;
      try {
        outcome = await test.run(stage, controller.signal);
      } catch (e) {
        if (e instanceof Aborted) return;
        status.textContent = 'The test stopped unexpectedly.';
        return;
      }
      stage.replaceChildren();
      if (outcome.score === null) {
        status.textContent =
          'No usable responses were recorded, so there is no score to save. You can try again later.';
        intro.hidden = false;
        return;
      }
      status.textContent = 'Saving...';
      const { device, browser } = currentDevice();
      try {
        const saved = await api.post<CognitiveSessionResult>(personPath(personId(), '/cognitive-sessions'), {
          test_id: test.id,
          device,
          browser,
          result: outcome,
        });
        status.textContent = 'Saved.';
        result.replaceChildren(
          h('h2', { tabindex: -1 }, resultSentence(test.id, outcome.score)),
          h('p', { 'data-testid': 'comparison' }, comparisonText(saved.comparison, test.id)),
          h(
            'p',
            {},
            button('Back to all tests', () => navigate('/tests')),
          ),
        );
      } catch (e) {
        result.replaceChildren(h('h2', { tabindex: -1 }, resultSentence(test.id, outcome.score)));
        const summary = liveRegion('form-summary');
        result.append(summary);
        showProblem(e, {}, summary);
      }
      result.hidden = false;
      (result.firstElementChild as HTMLElement).focus();
    }),
  );
  return () => controller.abort();
}

export async function renderTests(main: HTMLElement, params: string[]): Promise<void | Cleanup> {
  const test = params[0] ? testById(params[0]) : undefined;
  main.append(h('h1', {}, test ? test.name : 'Memory and attention'));
  if (test) {
    const cleanup = renderTest(main, test);
    main.append(prescriberNote());
    return cleanup;
  }
  await renderList(main);
  main.append(prescriberNote());
}
