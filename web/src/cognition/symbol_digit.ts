// Symbol-digit substitution, 90 seconds: a key pairs nine symbols with the digits 1-9; for each
// symbol shown, press its digit. Score: the number correct.
import { h } from '../dom';
import { shuffle } from './scoring';
import { CognitiveTest } from './test_types';
import { nextResponse, showOnNextFrame } from './timing';

const DURATION_MS = 90_000;
const SYMBOLS = ['△', '○', '□', '◇', '☆', '✕', '＋', '∞', '⌂'];
const DIGITS = ['1', '2', '3', '4', '5', '6', '7', '8', '9'];

export const symbolDigit: CognitiveTest = {
  id: 'symbol-digit',
  name: 'Symbol-digit matching',
  minutes: '1.5',
  instructions: [
    'A key at the top pairs each symbol with a digit from 1 to 9.',
    'For each symbol shown, press its digit on the keyboard (or tap it). Work as quickly as you can without mistakes.',
    'The test lasts 90 seconds.',
  ],
  async run(stage, signal) {
    const symbols = shuffle(SYMBOLS, Math.random); // a fresh key each session
    const key = h(
      'table',
      { class: 'symbol-key' },
      h('caption', {}, 'Key'),
      h(
        'tbody',
        {},
        h(
          'tr',
          {},
          symbols.map((s) => h('td', {}, s)),
        ),
        h(
          'tr',
          {},
          DIGITS.map((d) => h('td', {}, d)),
        ),
      ),
    );
    const display = h('div', { class: 'stimulus symbol-display', 'aria-live': 'off' });
    const pads = h(
      'div',
      { class: 'digit-pad' },
      DIGITS.map((d) => h('button', { type: 'button', 'data-response': d }, d)),
    );
    const info = h('p', { class: 'hint' });
    stage.append(key, display, pads, info);
    let correct = 0;
    let errors = 0;
    let previous = -1;
    const start = performance.now();
    while (performance.now() - start < DURATION_MS) {
      let index: number;
      do index = Math.floor(Math.random() * 9);
      while (index === previous);
      previous = index;
      await showOnNextFrame(() => {
        display.textContent = symbols[index];
      }, signal);
      const left = DURATION_MS - (performance.now() - start);
      const r = await nextResponse(DIGITS, stage, left, signal);
      if (!r) break;
      if (r.value === DIGITS[index]) correct += 1;
      else errors += 1;
      info.textContent = `${correct} correct`;
    }
    display.textContent = '';
    return {
      score: correct,
      attempted: correct + errors,
      errors,
      duration_s: DURATION_MS / 1000,
      higher_is_better: true,
    };
  },
};
