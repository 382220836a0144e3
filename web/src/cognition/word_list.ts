// Word list: 12 words shown one at a time, then typed back (immediate recall); later, without
// seeing them again, typed back once more (delayed recall). Lists alternate at random.
import { h } from '../dom';
import { scoreRecall } from './scoring';
import { CognitiveTest } from './test_types';
import { Aborted, showOnNextFrame, wait } from './timing';
import { pickList, WORD_LISTS } from './word_lists';

const WORD_MS = 1500;
const STORE_KEY = 'taperlab.word-list';
export const MIN_DELAY_MIN = 10;

interface Stored {
  list: number;
  at: number; // Date.now() of the immediate recall
  delayedDone?: boolean;
}

function stored(): Stored | null {
  try {
    return JSON.parse(localStorage.getItem(STORE_KEY) ?? 'null') as Stored | null;
  } catch {
    return null;
  }
}

function recall(stage: HTMLElement, prompt: string, signal: AbortSignal): Promise<string> {
  return new Promise((resolve, reject) => {
    const area = h('textarea', {
      id: 'recall',
      name: 'recall',
      rows: 5,
      autocomplete: 'off',
      spellcheck: 'false',
      autocapitalize: 'none',
    });
    const form = h(
      'form',
      { class: 'recall', novalidate: true },
      h('label', { for: 'recall' }, prompt),
      area,
      h('button', { type: 'submit', class: 'primary' }, 'Done'),
    );
    const onAbort = () => reject(new Aborted());
    signal.addEventListener('abort', onAbort, { once: true });
    form.addEventListener('submit', (ev) => {
      ev.preventDefault();
      signal.removeEventListener('abort', onAbort);
      form.remove();
      resolve(area.value);
    });
    stage.append(form);
    area.focus();
  });
}

export const wordListImmediate: CognitiveTest = {
  id: 'word-list-immediate',
  name: 'Word list: immediate recall',
  minutes: 'about 1',
  instructions: [
    '12 words will appear one at a time. Try to remember them.',
    'Then type all the words you remember, in any order.',
    `About ${MIN_DELAY_MIN} to 30 minutes later, do "Word list: delayed recall" to recall them once more.`,
  ],
  async run(stage, signal) {
    const last = stored();
    const listIndex = pickList(Math.random, last ? last.list : null);
    const words = WORD_LISTS[listIndex];
    const display = h('div', { class: 'stimulus word-display', 'aria-live': 'off' });
    stage.append(display);
    await wait(800, signal);
    for (const w of words) {
      await showOnNextFrame(() => {
        display.textContent = w;
      }, signal);
      await wait(WORD_MS, signal);
    }
    display.remove();
    const typed = await recall(stage, 'Type the words you remember, separated by spaces or commas', signal);
    localStorage.setItem(STORE_KEY, JSON.stringify({ list: listIndex, at: Date.now() } satisfies Stored));
    const r = scoreRecall(words, typed);
    return {
      score: r.score,
      list: `list ${listIndex + 1}`,
      list_length: words.length,
      recalled: r.recalled.length,
      intrusions: r.intrusions.length,
      higher_is_better: true,
    };
  },
};

export const wordListDelayed: CognitiveTest = {
  id: 'word-list-delayed',
  name: 'Word list: delayed recall',
  minutes: 'about 1',
  instructions: [
    'Type all the words you remember from the list you saw earlier, in any order. They will not be shown again.',
  ],
  available() {
    const s = stored();
    if (!s || s.delayedDone) return 'Do "Word list: immediate recall" first.';
    const minutes = (Date.now() - s.at) / 60000;
    if (minutes < MIN_DELAY_MIN)
      return `Please wait about ${Math.ceil(MIN_DELAY_MIN - minutes)} more minutes after the immediate recall.`;
    return null;
  },
  async run(stage, signal) {
    const s = stored();
    if (!s) throw new Error('no word list to recall');
    const words = WORD_LISTS[s.list];
    const typed = await recall(stage, 'Type the words you remember from the earlier list', signal);
    localStorage.setItem(STORE_KEY, JSON.stringify({ ...s, delayedDone: true }));
    const r = scoreRecall(words, typed);
    return {
      score: r.score,
      list: `list ${s.list + 1}`,
      list_length: words.length,
      delay_minutes: Math.round((Date.now() - s.at) / 60000),
      intrusions: r.intrusions.length,
      higher_is_better: true,
    };
  },
};
