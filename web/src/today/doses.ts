// Today's doses, each with a one-tap confirm (POST /people/{pid}/doses {planned_time, drug}).
import { api, ApiError, personPath } from '../api';
import { button, formatMg, h, liveRegion } from '../dom';
import { personId } from '../session';

export interface TodayDose {
  drug: string;
  time: string;
  dose_mg: number;
  units?: string;
  logged: { status: string; time?: string | null; dose_mg?: number } | null;
}

// A logged dose says what was logged: when a plan changed after it was taken (a new plan, a
// resume), the amount taken is not the one the list now plans.
function loggedText(l: NonNullable<TodayDose['logged']>, plannedMg?: number): string {
  if (l.status === 'missed') return 'Noted as not taken.';
  if (l.status === 'different') return `Taken, a different amount${l.dose_mg !== undefined ? ` (${formatMg(l.dose_mg)})` : ''}.`;
  const at = l.time ? ` at ${l.time}` : '';
  if (l.dose_mg !== undefined && plannedMg !== undefined && Math.abs(l.dose_mg - plannedMg) > 0.0005) return `Taken${at}: ${formatMg(l.dose_mg)}, as logged.`;
  return `Taken${at}.`;
}

export function dosesList(date: string, doses: TodayDose[]): HTMLElement {
  const status = liveRegion();
  const list = h('ul', { class: 'doses', 'data-testid': 'doses' });
  for (const dose of doses) {
    const state = h('span', { class: 'dose-state' });
    const li = h('li', { class: 'dose' }, h('span', { class: 'dose-what' }, h('strong', {}, dose.time), ` ${dose.drug} ${formatMg(dose.dose_mg)}`, dose.units ? ` (${dose.units})` : ''), state);
    const actions = h('span', { class: 'dose-actions' });
    const show = (logged: TodayDose['logged']) => {
      state.textContent = logged ? loggedText(logged, dose.dose_mg) : '';
      actions.hidden = Boolean(logged);
      li.classList.toggle('done', Boolean(logged));
    };
    const send = async (extra: Record<string, unknown>, b: HTMLButtonElement) => {
      b.disabled = true;
      try {
        const entry = await api.post<NonNullable<TodayDose['logged']>>(personPath(personId(), '/doses'), { date, planned_time: dose.time, drug: dose.drug, ...extra });
        show(entry ?? { status: extra.status === 'missed' ? 'missed' : 'taken' });
        status.textContent = `${dose.time} dose recorded.`;
      } catch (e) {
        status.textContent = e instanceof ApiError ? e.message : 'Could not record the dose. Please try again.';
      } finally {
        b.disabled = false;
      }
    };
    const take = button(`Taken`, () => void send({}, take), 'primary');
    take.setAttribute('aria-label', `Confirm ${dose.time} dose taken: ${dose.drug} ${formatMg(dose.dose_mg)}`);
    const miss = button('Not taken', () => void send({ status: 'missed', dose_mg: 0 }, miss), 'secondary');
    miss.setAttribute('aria-label', `Record ${dose.time} dose as not taken`);
    actions.append(take, miss);
    li.append(actions);
    show(dose.logged);
    list.append(li);
  }
  return h('div', {}, list, status);
}
