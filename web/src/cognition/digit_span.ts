// Digit span, forward (from 3 digits) and backward (from 2): digits appear one per second, then
// the person types them back (backward: in reverse order). A correct answer adds a digit; two
// errors at one length end the test. Score: the longest span recalled correctly.
//
// Test hook: while a sequence is shown, the stimulus element carries data-digits="3 8 1", so a
// browser test can read the sequence and type it back.
import { h } from '../dom';
import { nextSpan, spanCorrect, spanSequence, startSpan } from './scoring';
import { CognitiveTest } from './test_types';
import { Aborted, showOnNextFrame, wait } from './timing';

const DIGIT_ON_MS = 900;
const DIGIT_OFF_MS = 100; // with the 900 ms shown: one digit per second

function answer(stage: HTMLElement, backward: boolean, signal: AbortSignal): Promise<string> {
  return new Promise((resolve, reject) => {
    const input = h('input', {
      type: 'text',
      inputmode: 'numeric',
      autocomplete: 'off',
      id: 'span-answer',
      name: 'span-answer',
      pattern: '[0-9 ]*',
    });
    const done = h('button', { type: 'submit', class: 'primary' }, 'Done');
    const form = h(
      'form',
      { class: 'span-answer', novalidate: true },
      h(
        'label',
        { for: 'span-answer' },
        backward ? 'Type the digits in reverse order (last one first)' : 'Type the digits in the order you saw them',
      ),
      input,
      done,
    );
    const onAbort = () => reject(new Aborted());
    signal.addEventListener('abort', onAbort, { once: true });
    form.addEventListener('submit', (ev) => {
      ev.preventDefault();
      signal.removeEventListener('abort', onAbort);
      const value = input.value;
      form.remove();
      resolve(value);
    });
    stage.append(form);
    input.focus();
  });
}

function digitSpan(id: string, name: string, backward: boolean, startLength: number): CognitiveTest {
  return {
    id,
    name,
    minutes: 'about 3',
    instructions: [
      `Digits will appear one at a time, one per second, starting with ${startLength}.`,
      backward
        ? 'Afterwards, type them back in reverse order: the last digit first.'
        : 'Afterwards, type them back in the same order.',
      'Each time you get it right, the next list is one digit longer. The test ends after two mistakes at the same length.',
    ],
    async run(stage, signal) {
      const display = h('div', { class: 'stimulus span-display', 'data-testid': 'span-stimulus', 'aria-live': 'off' });
      const info = h('p', { class: 'hint', 'aria-live': 'polite' });
      stage.append(info, display);
      let state = startSpan(startLength);
      while (!state.done) {
        const digits = spanSequence(state.length, Math.random);
        info.textContent = `${state.length} digits. Watch the box.`;
        await wait(1000, signal);
        display.setAttribute('data-digits', digits.join(' '));
        for (const d of digits) {
          await showOnNextFrame(() => {
            display.textContent = String(d);
          }, signal);
          await wait(DIGIT_ON_MS, signal);
          await showOnNextFrame(() => {
            display.textContent = '';
          }, signal);
          await wait(DIGIT_OFF_MS, signal);
        }
        display.removeAttribute('data-digits');
        info.textContent = '';
        const typed = await answer(stage, backward, signal);
        state = nextSpan(state, spanCorrect(digits, typed, backward));
      }
      return {
        score: state.longestCorrect,
        longest_span: state.longestCorrect,
        direction: backward ? 'backward' : 'forward',
        start_length: startLength,
        trials: state.trials.length,
        errors: state.trials.filter((t) => !t.correct).length,
        lengths: state.trials.map((t) => `${t.length}${t.correct ? '+' : '-'}`).join(' '),
        higher_is_better: true,
      };
    },
  };
}

export const digitSpanForward = digitSpan('digit-span-forward', 'Digit span forward', false, 3);
export const digitSpanBackward = digitSpan('digit-span-backward', 'Digit span backward', true, 2);
