// Today's doses: one tap confirms a planned dose (POST /people/{pid}/doses {planned_time, drug}),
// "Other amount" logs a different amount, "Not taken" a missed dose, and "Log an extra dose" a
// dose on top of the plan. The server stamps each with the time it was confirmed on the person's
// clock. Confirming "taken" well ahead of the planned time asks first (dose_clock.ts). After each
// entry the focus stays in the list: on the next dose to confirm, else on what was recorded.
import { api, ApiError, personPath } from '../api';
import { asyncListener, button, Field, field, formatMg, h, liveRegion, readNumber, setFieldError } from '../dom';
import { markProblemFields } from '../forms';
import { personId } from '../session';
import type { DoseLog, TodayDose } from '../api/types';
import { clockChangeNote, earlyConfirmQuestion, wallClock } from './dose_clock';

export type { TodayDose };

export interface DoseListOptions {
  timeZone?: string; // the person's (GET today's time_zone): "now" is read on their clock
  unplanned?: DoseLog[]; // extra doses already logged today
  now?: () => Date;
}

// A logged dose says what was logged: when a plan changed after it was taken (a new plan, a
// resume), the amount taken is not the one the list now plans.
function loggedText(l: DoseLog, plannedMg: number): string {
  const at = l.time ? ` at ${l.time}` : '';
  if (l.status === 'missed') return 'Noted as not taken.';
  if (l.status === 'different') return `Taken, a different amount (${formatMg(l.dose_mg)})${at}.`;
  if (Math.abs(l.dose_mg - plannedMg) > 0.0005) return `Taken${at}: ${formatMg(l.dose_mg)}, as logged.`;
  return `Taken${at}.`;
}

function extraText(l: DoseLog): string {
  return `Extra dose: ${l.drug_id} ${formatMg(l.dose_mg)}${l.time ? ` at ${l.time}` : ''}.`;
}

// A refused dose: the fields shown that the problem names are marked (the amount, the medicine) and
// the rest is said in the status line.
function showDoseProblem(e: unknown, fields: Record<string, Field>, status: HTMLElement): void {
  if (!(e instanceof ApiError)) {
    status.textContent = 'Could not record the dose. Please try again.';
    return;
  }
  const unclaimed = markProblemFields(e, fields);
  if (!e.fieldErrors.length || unclaimed.length === e.fieldErrors.length) status.textContent = e.message;
  else status.textContent = unclaimed.length ? unclaimed.join(' ') : 'Please check the highlighted field.';
}

// An amount in mg from a field, or an error on the field.
function amountFrom(f: ReturnType<typeof field>): number | undefined {
  const mg = readNumber(f.input);
  if (mg === undefined || mg <= 0) {
    setFieldError(f, 'Enter the amount you took, in mg, e.g. 0.25.');
    f.input.focus();
    return undefined;
  }
  setFieldError(f, '');
  return mg;
}

function amountField(label: string): ReturnType<typeof field> {
  return field(label, h('input', { type: 'number', min: 0, step: 'any', inputmode: 'decimal', name: 'dose_mg' }));
}

export function dosesList(date: string, doses: TodayDose[], options: DoseListOptions = {}): HTMLElement {
  const now = options.now ?? (() => new Date());
  const status = liveRegion();
  const list = h('ul', { class: 'doses', 'data-testid': 'doses' });
  const pendingTakes: HTMLButtonElement[] = [];

  // Where focus goes once a dose is recorded: the next dose still to confirm, else `fallback`.
  const focusAfter = (fallback: HTMLElement) => {
    const next = pendingTakes.find((b) => b.isConnected && !b.closest('[hidden]'));
    (next ?? fallback).focus();
  };

  for (const dose of doses) {
    const due = dose.due_time;
    const state = h('span', { class: 'dose-state', tabindex: -1 });
    const note = clockChangeNote(dose.time, due, dose.clock_change);
    const li = h(
      'li',
      { class: 'dose' },
      h(
        'span',
        { class: 'dose-what' },
        h('strong', {}, due),
        ` ${dose.drug} ${formatMg(dose.dose_mg)}`,
        dose.units ? ` (${dose.units})` : '',
        note ? h('span', { class: 'hint dose-clock' }, ` ${note}`) : null,
      ),
      state,
    );
    const actions = h('span', { class: 'dose-actions' });
    const question = h('div', { class: 'dose-question', role: 'group' });
    question.hidden = true;
    const amountBox = h('form', { class: 'dose-amount-form', novalidate: true });
    amountBox.hidden = true;

    const show = (logged: DoseLog | null) => {
      state.textContent = logged ? loggedText(logged, dose.dose_mg) : '';
      actions.hidden = Boolean(logged);
      question.hidden = true;
      amountBox.hidden = true;
      li.classList.toggle('done', Boolean(logged));
    };
    const send = async (extra: Record<string, unknown>, b: HTMLButtonElement): Promise<boolean> => {
      b.disabled = true;
      try {
        show(
          await api.post<DoseLog>(personPath(personId(), '/doses'), {
            date,
            planned_time: dose.time,
            drug: dose.drug,
            ...extra,
          }),
        );
        status.textContent = `${due} dose recorded.`;
        focusAfter(state);
        return true;
      } catch (e) {
        showDoseProblem(e, amountBox.hidden ? {} : { dose_mg: amount }, status);
        return false;
      } finally {
        b.disabled = false;
      }
    };

    const take = button(
      'Taken',
      () => {
        const ask = earlyConfirmQuestion(date, due, wallClock(now(), options.timeZone));
        if (!ask) {
          void send({}, take);
          return;
        }
        const text = h('p', { id: `${take.id}-ask` }, ask);
        const yes = button('Yes, taken', () => void send({}, yes), 'primary');
        const notYet = button(
          'Not yet',
          () => {
            question.hidden = true;
            status.textContent = 'Nothing recorded.';
            take.focus();
          },
          'secondary',
        );
        question.replaceChildren(text, yes, notYet);
        question.setAttribute('aria-labelledby', text.id);
        question.hidden = false;
        yes.focus();
      },
      'primary',
    );
    take.id = `take-${dose.drug}-${dose.time.replace(':', '')}`;
    take.setAttribute('aria-label', `Confirm ${due} dose taken: ${dose.drug} ${formatMg(dose.dose_mg)}`);
    pendingTakes.push(take);

    const amount = amountField(`Amount of ${dose.drug} taken for the ${due} dose (mg)`);
    const saveAmount = h('button', { type: 'submit', class: 'primary' }, 'Save amount');
    const cancelAmount = button(
      'Cancel',
      () => {
        amountBox.hidden = true;
        other.focus();
      },
      'secondary',
    );
    amountBox.append(amount.wrap, saveAmount, cancelAmount);
    amountBox.addEventListener('submit', (ev) => {
      ev.preventDefault();
      const mg = amountFrom(amount);
      if (mg !== undefined) void send({ status: 'different', dose_mg: mg }, saveAmount);
    });
    const other = button(
      'Other amount',
      () => {
        question.hidden = true;
        amountBox.hidden = false;
        amount.input.focus();
      },
      'secondary',
    );
    other.setAttribute('aria-label', `Record a different amount for the ${due} dose`);

    const miss = button('Not taken', () => void send({ status: 'missed', dose_mg: 0 }, miss), 'secondary');
    miss.setAttribute('aria-label', `Record ${due} dose as not taken`);
    actions.append(take, other, miss);
    li.append(actions, question, amountBox);
    show(dose.logged);
    list.append(li);
  }

  return h('div', {}, list, extraDoses(date, doses, options.unplanned ?? [], status), status);
}

// Doses on top of the plan: listed, and a small form to add one (status "extra").
function extraDoses(date: string, doses: TodayDose[], unplanned: DoseLog[], status: HTMLElement): HTMLElement {
  const list = h('ul', { class: 'doses extra-doses', 'data-testid': 'extra-doses' });
  const addItem = (l: DoseLog): HTMLElement => {
    const item = h('li', { class: 'dose done', tabindex: -1 }, extraText(l));
    list.append(item);
    return item;
  };
  for (const l of unplanned) addItem(l);

  const drugs = [...new Set(doses.map((d) => d.drug))];
  const drug = field(
    'Medicine',
    h(
      'select',
      { name: 'drug' },
      drugs.map((d) => h('option', { value: d }, d)),
    ),
  );
  const amount = amountField('Amount taken (mg)');
  const save = h('button', { type: 'submit', class: 'primary' }, 'Save extra dose');
  const cancel = button(
    'Cancel',
    () => {
      form.hidden = true;
      open.focus();
    },
    'secondary',
  );
  const form = h(
    'form',
    { class: 'extra-dose-form', novalidate: true, 'aria-label': 'Extra dose' },
    drugs.length > 1 ? drug.wrap : null,
    amount.wrap,
    save,
    cancel,
  );
  form.hidden = true;
  const open = button(
    'Log an extra dose',
    () => {
      form.hidden = false;
      (drugs.length > 1 ? drug.input : amount.input).focus();
    },
    'secondary',
  );
  form.addEventListener(
    'submit',
    asyncListener(async (ev) => {
      ev.preventDefault();
      const mg = amountFrom(amount);
      if (mg === undefined) return;
      save.disabled = true;
      try {
        const entry = await api.post<DoseLog>(personPath(personId(), '/doses'), {
          date,
          status: 'extra',
          drug: drugs.length > 1 ? drug.input.value : drugs[0],
          dose_mg: mg,
        });
        form.hidden = true;
        amount.input.value = '';
        status.textContent = 'Extra dose recorded.';
        addItem(entry).focus();
      } catch (e) {
        showDoseProblem(e, drugs.length > 1 ? { drug, dose_mg: amount } : { dose_mg: amount }, status);
      } finally {
        save.disabled = false;
      }
    }),
  );
  if (drugs.length === 0) return h('div', {}, list);
  return h('div', { class: 'extra' }, list, h('p', {}, open), form);
}
