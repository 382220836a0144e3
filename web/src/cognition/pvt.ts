// Psychomotor vigilance (PVT-B): 3 minutes; press as soon as the counter appears (1-4 s apart).
// Lapses are responses of 355 ms or more; pressing before it appears is a false start.
import { h } from '../dom';
import { scorePvt, PvtTrial } from './scoring';
import { CognitiveTest } from './test_types';
import { nextResponse, randomBetween, showOnNextFrame, wait } from './timing';

const DURATION_MS = 180_000;
const TIMEOUT_MS = 10_000;
const KEYS = [' ', 'Enter'];

export const pvt: CognitiveTest = {
  id: 'pvt',
  name: 'Reaction time (vigilance)',
  minutes: '3',
  instructions: [
    'A counter will appear in the box at random moments, 1 to 4 seconds apart.',
    'As soon as you see it, press the space bar (or tap the big button). Do not press before it appears.',
    'The test lasts 3 minutes. Find a quiet moment and keep your finger ready.',
  ],
  async run(stage, signal) {
    const display = h('div', { class: 'stimulus pvt-display', 'aria-live': 'off' }, '');
    const pad = h('button', { type: 'button', class: 'response-pad', 'data-response': 'press' }, 'Press');
    const remaining = h('p', { class: 'hint' });
    stage.append(display, pad, remaining);
    pad.focus();
    const trials: PvtTrial[] = [];
    let early = 0;
    const start = performance.now();
    while (performance.now() - start < DURATION_MS) {
      remaining.textContent = `${Math.max(0, Math.ceil((DURATION_MS - (performance.now() - start)) / 1000))} s left`;
      // Wait for the inter-stimulus interval; a press during it is a false start and restarts it.
      const isi = randomBetween(1000, 4000);
      const early_ = await nextResponse(KEYS, stage, isi, signal);
      if (early_) {
        early += 1;
        display.textContent = 'Too soon';
        await wait(800, signal);
        display.textContent = '';
        continue;
      }
      const onset = await showOnNextFrame(() => {
        display.textContent = '0';
        display.classList.add('on');
      }, signal);
      let ticking = true;
      const tick = () => {
        if (!ticking) return;
        display.textContent = String(Math.round(performance.now() - onset));
        requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
      const r = await nextResponse(KEYS, stage, TIMEOUT_MS, signal);
      ticking = false;
      const rt = r ? r.t - onset : null;
      trials.push({ rt_ms: rt === null ? null : Math.round(rt * 10) / 10, timeout_ms: TIMEOUT_MS });
      display.classList.remove('on');
      display.textContent = rt === null ? 'No response' : `${Math.round(rt)} ms`;
      await wait(700, signal);
      display.textContent = '';
    }
    const result = scorePvt(trials, early);
    return { ...result, trials: trials.length, higher_is_better: true, duration_s: DURATION_MS / 1000 };
  },
};
