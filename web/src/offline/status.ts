// The offline line under the header: whether the app is offline and since when what it shows was
// fetched, what is waiting to be sent (with "Send now"), what the server refused (with "Discard"),
// and the reminder banner for a dose whose time has come. A live region, so screen readers hear
// the changes.
import '../styles/offline.css';
import { h } from '../dom';
import { OutboxItem, waitingText } from './outbox';

export interface StatusState {
  online: boolean;
  keptAt: string | null; // when the answer shown offline was fetched (ISO), if one was shown
  items: OutboxItem[]; // the signed-in person's
  lastSent: number; // items sent by the last flush, shown once
  sending: boolean;
  persistent: boolean; // what waits survives closing the page
}

export interface StatusActions {
  sendNow(): void;
  discard(id: string): void;
}

function timeText(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const sameDay = d.toDateString() === new Date().toDateString();
  const time = d.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
  return sameDay ? time : `${d.toLocaleDateString(undefined, { day: 'numeric', month: 'short' })} ${time}`;
}

function itemWords(item: OutboxItem): string {
  const date = typeof item.body.date === 'string' ? ` for ${item.body.date}` : '';
  if (item.kind === 'check-in') return `The check-in${date}`;
  const time = typeof item.body.planned_time === 'string' ? ` ${item.body.planned_time}` : '';
  return `The${time} dose${date}`;
}

let region: HTMLElement | null = null;
let reminderBox: HTMLElement | null = null;

function mount(): HTMLElement {
  if (region && region.isConnected) return region;
  region = h('div', {
    class: 'offline-status no-print',
    role: 'status',
    'aria-live': 'polite',
    'data-testid': 'offline-status',
  });
  region.hidden = true;
  const main = document.getElementById('main');
  main?.parentElement?.insertBefore(region, main);
  return region;
}

export function renderStatus(state: StatusState, actions: StatusActions): void {
  const box = mount();
  const lines: HTMLElement[] = [];
  if (!state.online) {
    lines.push(
      h(
        'p',
        { 'data-testid': 'offline-line' },
        state.keptAt ? `You are offline. This is how things were at ${timeText(state.keptAt)}.` : 'You are offline.',
      ),
    );
  }
  const waiting = waitingText(state.items);
  if (waiting) {
    const line = h('p', { 'data-testid': 'outbox-waiting' }, `${waiting[0].toUpperCase()}${waiting.slice(1)}.`);
    if (state.online) {
      const send = h(
        'button',
        { type: 'button', class: 'link-button', disabled: state.sending },
        state.sending ? 'Sending…' : 'Send now',
      );
      send.addEventListener('click', () => actions.sendNow());
      line.append(' ', send);
    } else {
      line.append(' It is kept on this device and will be sent when you are back online.');
    }
    if (!state.persistent)
      line.append(' This browser does not let taperlab keep it: leave this page open until it is sent.');
    lines.push(line);
  }
  for (const item of state.items.filter((i) => i.error)) {
    const discard = h('button', { type: 'button', class: 'link-button' }, 'Discard it');
    discard.addEventListener('click', () => actions.discard(item.id));
    lines.push(
      h(
        'p',
        { class: 'field-error', 'data-testid': 'outbox-failed' },
        `${itemWords(item)} could not be sent: ${item.error} `,
        discard,
      ),
    );
  }
  if (state.lastSent > 0 && !waiting) {
    lines.push(
      h(
        'p',
        { 'data-testid': 'outbox-sent' },
        `Sent: ${state.lastSent === 1 ? 'what you saved offline has' : `the ${state.lastSent} things you saved offline have`} reached taperlab.`,
      ),
    );
  }
  box.replaceChildren(...lines);
  box.hidden = lines.length === 0;
}

// The reminder banner (role alert: it matters now). `onDismiss` runs when the person closes it.
export function showReminder(text: string, onDismiss: () => void): void {
  const main = document.getElementById('main');
  if (!reminderBox || !reminderBox.isConnected) {
    reminderBox = h('div', { class: 'reminder-banner no-print', role: 'alert', 'data-testid': 'dose-reminder' });
    main?.parentElement?.insertBefore(reminderBox, main);
  }
  const close = h('button', { type: 'button', class: 'secondary' }, 'Dismiss');
  const box = reminderBox;
  close.addEventListener('click', () => {
    box.remove();
    reminderBox = null;
    onDismiss();
  });
  const line = h('p', {}, text, ' ', h('a', { href: '#/today' }, 'Open Today'), ' ', close);
  box.append(line);
}
