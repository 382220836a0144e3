// Wizard step 3: how to reduce, and how fast.
import { ApiError } from '../api';
import { Field, field, h, liveRegion, numberInput, readNumber, setFieldError, uid } from '../dom';
import { markProblemFields } from '../forms';
import { Strategy } from './regimen';
import { WizardStep } from './wizard_state';

const STRATEGIES: [Strategy, string, string][] = [
  [
    'fraction',
    'A share of the current dose',
    'Cut a fixed percentage of the dose you take at the time, every few weeks (for example 10% every 2 weeks). Steps get smaller as the dose falls.',
  ],
  [
    'hyperbolic',
    'Equal-effect steps',
    'Steps sized so that each one changes the modelled effect by the same amount: large milligram steps at first, very small ones near the end.',
  ],
  [
    'bands',
    'Dose bands (Ashton)',
    'Fixed milligram cuts that shrink in bands as the dose falls, as in the Ashton Manual.',
  ],
  ['guided', 'Model-guided', 'The largest cut whose modelled withdrawal pressure stays under a ceiling you set.'],
  [
    'crossover',
    'Switch to diazepam first',
    'Swap to diazepam one dose at a time, then reduce diazepam slowly. Often suggested for short-acting medicines.',
  ],
];

let read: () => Record<string, string> = () => ({});
let fields: Record<string, Field> = {};
let summary: HTMLElement;

// This step's fields, by the names the API gives them in a 422 ("cut", "goal", ...).
const FIELD_NAMES = ['cut', 'every', 'steps', 'pace', 'ceiling', 'then', 'start', 'goal'];

// A preview the server refused for one of this step's options: its fields are marked when the
// person comes back to this step. True when the problem names one of them.
let serverProblem: ApiError | null = null;
export function keepProblemForStrategyStep(e: unknown): boolean {
  serverProblem = e instanceof ApiError && e.fieldErrors.some((f) => FIELD_NAMES.includes(f.field)) ? e : null;
  return serverProblem !== null;
}

export const strategyStep: WizardStep = {
  title: 'Way and pace of reducing',
  render(container, state) {
    const s = state.strategy;
    summary = liveRegion('form-summary');
    const radios: HTMLInputElement[] = [];
    const group = h('fieldset', { class: 'strategies' }, h('legend', {}, 'Way of reducing'));
    for (const [value, label, text] of STRATEGIES) {
      const id = uid('strategy');
      const hintId = `${id}-hint`;
      const r = h('input', {
        type: 'radio',
        name: 'strategy',
        id,
        value,
        checked: s.strategy === value,
        'aria-describedby': hintId,
      });
      radios.push(r);
      group.append(
        h(
          'div',
          { class: 'check strategy' },
          r,
          h('label', { for: id }, label),
          h('p', { class: 'hint', id: hintId }, text),
        ),
      );
    }
    const cut = field(
      'Cut each time (% of the current dose)',
      numberInput(1, 25, 0.5, s.cut_percent ?? 10),
      'Guidelines suggest 5 to 10% every 2 to 4 weeks.',
    );
    cut.input.name = 'cut';
    const every = field('Every (days)', numberInput(1, 90, 1, s.every_days ?? 14));
    every.input.name = 'every';
    const steps = field('Number of steps', numberInput(2, 60, 1, s.steps ?? 10));
    steps.input.name = 'steps';
    const pace = h('select', { name: 'pace' });
    for (const p of ['slow', 'medium', 'fast'])
      pace.append(h('option', { value: p, selected: (s.pace ?? 'slow') === p }, p));
    const paceField = field('Pace', pace);
    const ceiling = field(
      'Ceiling of withdrawal pressure (optional)',
      numberInput(0, 1, 0.005, s.ceiling),
      "Leave blank for taperlab's default: as gentle as a 10% every 14 days plan.",
    );
    ceiling.input.name = 'ceiling';
    const then = h('select', { name: 'then' });
    for (const t of ['fraction', 'hyperbolic', 'bands'])
      then.append(
        h(
          'option',
          { value: t, selected: (s.then ?? 'fraction') === t },
          t === 'fraction' ? 'share of the dose' : t === 'hyperbolic' ? 'equal-effect steps' : 'dose bands',
        ),
      );
    const thenField = field('After the switch, reduce diazepam by', then);
    const start = field(
      'First day of the plan (optional)',
      h('input', { type: 'date', name: 'start', value: s.start ?? '' }),
      'Leave blank to start today.',
    );
    const goal = field(
      'Goal',
      h('input', { type: 'text', name: 'goal', value: s.goal ?? 'stop' }),
      'Type "stop", or a daily dose to stay on such as "2mg".',
    );
    fields = { cut, every, steps, pace: paceField, ceiling, then: thenField, start, goal };

    const sync = () => {
      const v = radios.find((r) => r.checked)?.value as Strategy;
      const thenValue = then.value;
      cut.wrap.hidden = !(v === 'fraction' || (v === 'crossover' && thenValue === 'fraction'));
      every.wrap.hidden = v === 'bands';
      steps.wrap.hidden = v !== 'hyperbolic';
      paceField.wrap.hidden = !(v === 'bands' || (v === 'crossover' && thenValue === 'bands'));
      ceiling.wrap.hidden = v !== 'guided';
      thenField.wrap.hidden = v !== 'crossover';
    };
    radios.forEach((r) => r.addEventListener('change', sync));
    then.addEventListener('change', sync);
    sync();

    read = () => {
      const problems: Record<string, string> = {};
      const strategy = (radios.find((r) => r.checked)?.value ?? 'fraction') as Strategy;
      const num = (f: Field, min: number, max: number, key: string, optional = false) => {
        const v = readNumber(f.input);
        if (v === undefined) {
          if (!optional) problems[key] = 'Please enter a number.';
          return undefined;
        }
        if (v < min || v > max) problems[key] = `Please enter a number from ${min} to ${max}.`;
        return v;
      };
      state.strategy = {
        strategy,
        cut_percent: cut.wrap.hidden ? undefined : num(cut, 1, 25, 'cut'),
        every_days: every.wrap.hidden ? undefined : num(every, 1, 90, 'every'),
        steps: steps.wrap.hidden ? undefined : num(steps, 2, 60, 'steps'),
        pace: paceField.wrap.hidden ? undefined : (pace.value as 'slow' | 'medium' | 'fast'),
        ceiling: ceiling.wrap.hidden ? undefined : num(ceiling, 0, 1, 'ceiling', true),
        to: strategy === 'crossover' ? 'diazepam' : undefined,
        then: strategy === 'crossover' ? (then.value as Strategy) : undefined,
        start: start.input.value || undefined,
        goal: goal.input.value.trim() || 'stop',
      };
      const g = state.strategy.goal ?? 'stop';
      if (g !== 'stop' && !/^\d+(\.\d+)?\s*mg$/.test(g)) problems.goal = 'Type "stop" or a dose such as "2mg".';
      else state.strategy.goal = g.replace(/\s+/g, '');
      return problems;
    };
    container.append(
      group,
      cut.wrap,
      every.wrap,
      steps.wrap,
      paceField.wrap,
      ceiling.wrap,
      thenField.wrap,
      start.wrap,
      goal.wrap,
      summary,
    );
    if (serverProblem) {
      const unclaimed = markProblemFields(serverProblem, fields);
      summary.textContent = unclaimed.length ? unclaimed.join(' ') : 'Please check the highlighted fields.';
      serverProblem = null;
    }
  },
  leave() {
    for (const f of Object.values(fields)) setFieldError(f, '');
    const problems = read();
    for (const [k, m] of Object.entries(problems)) setFieldError(fields[k], m);
    summary.textContent = Object.keys(problems).length ? 'Please check the highlighted fields.' : '';
    return Object.keys(problems).length === 0;
  },
};
