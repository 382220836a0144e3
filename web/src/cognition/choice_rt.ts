// Choice reaction time: an arrow points left or right; press the matching arrow key (or button)
// as fast as you can. Score: mean log10 reaction time of correct answers (lower is faster).
import { h } from '../dom';
import { ChoiceTrial, scoreChoiceRt } from './scoring';
import { CognitiveTest } from './test_types';
import { nextResponse, randomBetween, showOnNextFrame, wait } from './timing';

const TRIALS = 30;
const TIMEOUT_MS = 3000;

export const choiceRt: CognitiveTest = {
  id: 'choice-rt',
  name: 'Choice reaction time',
  minutes: 'about 1',
  instructions: [
    'An arrow will point left or right.',
    'Press the left or right arrow key (or tap the matching button) as quickly as you can, without guessing.',
    `There are ${TRIALS} arrows.`,
  ],
  async run(stage, signal) {
    const display = h('div', { class: 'stimulus choice-display', 'aria-live': 'off' });
    const left = h(
      'button',
      { type: 'button', class: 'response-pad half', 'data-response': 'ArrowLeft', 'aria-label': 'Left' },
      '◀',
    );
    const right = h(
      'button',
      { type: 'button', class: 'response-pad half', 'data-response': 'ArrowRight', 'aria-label': 'Right' },
      '▶',
    );
    const count = h('p', { class: 'hint' });
    stage.append(display, h('div', { class: 'pad-row' }, left, right), count);
    const trials: ChoiceTrial[] = [];
    for (let i = 0; i < TRIALS; i += 1) {
      count.textContent = `${i + 1} of ${TRIALS}`;
      await wait(randomBetween(800, 1600), signal);
      const target = Math.random() < 0.5 ? 'ArrowLeft' : 'ArrowRight';
      const onset = await showOnNextFrame(() => {
        display.textContent = target === 'ArrowLeft' ? '◀' : '▶';
        display.setAttribute('data-target', target);
      }, signal);
      const r = await nextResponse(['ArrowLeft', 'ArrowRight'], stage, TIMEOUT_MS, signal);
      display.textContent = '';
      display.removeAttribute('data-target');
      trials.push({
        rt_ms: r ? Math.round((r.t - onset) * 10) / 10 : TIMEOUT_MS,
        correct: Boolean(r && r.value === target),
      });
    }
    return { ...scoreChoiceRt(trials), higher_is_better: false };
  },
};
