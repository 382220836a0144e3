// 2-back: letters appear one at a time; press when the letter is the same as the one two
// before. Score: d' from hits and false alarms.
import { h } from '../dom';
import { countSignals, dPrime, round, twoBackSequence } from './scoring';
import { CognitiveTest } from './test_types';
import { nextResponse, showOnNextFrame } from './timing';

const ITEMS = 32; // 30 scored (the first two cannot match)
const SHOW_MS = 500;
const SOA_MS = 2500;

export const twoBack: CognitiveTest = {
  id: 'two-back',
  name: '2-back (working memory)',
  minutes: 'about 1.5',
  instructions: [
    'Letters appear one at a time, every 2.5 seconds.',
    'Press the space bar (or tap "Same as 2 back") when the letter is the same as the one two letters before. Otherwise do nothing.',
    'Example: B, K, B - press on the second B.',
  ],
  async run(stage, signal) {
    const display = h('div', { class: 'stimulus letter-display', 'aria-live': 'off' });
    const pad = h('button', { type: 'button', class: 'response-pad', 'data-response': 'match' }, 'Same as 2 back');
    const count = h('p', { class: 'hint' });
    stage.append(display, pad, count);
    const { items, isTarget } = twoBackSequence(ITEMS, 1 / 3, Math.random);
    const responded = items.map(() => false);
    const rts: number[] = [];
    for (let i = 0; i < items.length; i += 1) {
      count.textContent = `${i + 1} of ${items.length}`;
      const onset = await showOnNextFrame(() => {
        display.textContent = items[i];
      }, signal);
      const hideAt = onset + SHOW_MS;
      const end = onset + SOA_MS;
      let hidden = false;
      const hide = () => {
        if (!hidden && performance.now() >= hideAt) {
          display.textContent = '';
          hidden = true;
        }
      };
      while (performance.now() < end) {
        const r = await nextResponse([' '], stage, Math.max(0, (hidden ? end : hideAt) - performance.now()), signal);
        hide();
        if (r && !responded[i]) {
          responded[i] = true;
          rts.push(r.t - onset);
          pad.classList.add('pressed');
          setTimeout(() => pad.classList.remove('pressed'), 150);
        }
      }
      display.textContent = '';
    }
    const counts = countSignals(isTarget, responded);
    return {
      score: round(dPrime(counts), 3),
      d_prime: round(dPrime(counts), 3),
      ...counts,
      mean_response_rt_ms: rts.length ? Math.round(rts.reduce((a, b) => a + b, 0) / rts.length) : null,
      higher_is_better: true,
    };
  },
};
