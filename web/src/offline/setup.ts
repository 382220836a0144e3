// Wires offline support into the app (main.ts calls startOffline once): the service worker for
// the app shell, the API client's hooks (keep answers, serve them offline, queue check-ins and
// doses), sending what waits when the connection comes back, the status line and the reminders.
import { ApiError, request, setOfflineHooks } from '../api';
import { currentPath, navigate } from '../router';
import { loadSession, session } from '../session';
import { KeptAnswers } from './kept';
import { Outbox, QueuedError } from './outbox';
import type { DoseLog, Today } from '../api/types';
import { dueDoses, localDate, reminderKey, reminderText } from './reminders';
import { renderStatus, showReminder, StatusState } from './status';
import { deviceStore, KeyValueStore, readJson } from './storage';

const TODAY = /^\/people\/(\d+)\/today$/;
const DOSES = /^\/people\/(\d+)\/doses$/;
const PERSON = /^\/people\/(\d+)$/;

let store: KeyValueStore;
let outbox: Outbox;
let kept: KeptAnswers;
const state: StatusState = { online: true, keptAt: null, items: [], lastSent: 0, sending: false, persistent: true };

function refresh(): void {
  const s = session();
  state.online = navigator.onLine;
  state.items = s ? outbox.waitingFor(s.person_id) : [];
  if (state.online) state.keptAt = null;
  renderStatus(state, {
    sendNow: () => void sendWaiting(),
    discard: (id) => outbox.discard(id),
  });
}

// Sends what waits, with a fresh session (its CSRF token) first. Direct requests, not api.post:
// a failure here must leave the item where it is, not queue it a second time.
export async function sendWaiting(): Promise<void> {
  if (!navigator.onLine || state.sending) return;
  const before = session();
  if (!before || outbox.waitingFor(before.person_id).every((i) => i.error)) return;
  state.sending = true;
  refresh();
  try {
    const s = await loadSession().catch(() => null);
    if (!s) return;
    const result = await outbox.flush(s.person_id, {
      post: (path, body) => request('POST', path, body),
      get: <T>(path: string) => request<T>('GET', path),
    });
    state.lastSent = result.sent;
    // Today shows what the server now holds.
    if (result.sent > 0 && currentPath().startsWith('/today')) navigate(currentPath());
  } finally {
    state.sending = false;
    refresh();
  }
}

// A dose confirmed online (the answer of POST /doses) updates the kept Today, so the reminder
// does not ring for it.
function noteDoseLogged(personId: number, logged: DoseLog): void {
  const answer = kept.today(personId);
  if (!answer) return;
  const day = answer.data as Today;
  if (day.date !== logged.date) return;
  for (const dose of day.doses) {
    if (dose.time === logged.planned_time && dose.drug === logged.drug_id) dose.logged = logged;
  }
  kept.keep(`/people/${personId}/today`, day);
}

function remindedKey(date: string): string {
  return `taperlab.reminded:${date}`;
}

function checkReminders(): void {
  const s = session();
  if (!s) return;
  const now = new Date();
  const date = localDate(now);
  const reminded = new Set(readJson<string[]>(store, remindedKey(date)) ?? []);
  const day = kept.today(s.person_id)?.data as Today | undefined;
  for (const dose of dueDoses(day ?? null, now, reminded)) {
    const text = reminderText(dose);
    reminded.add(reminderKey(date, dose));
    if ('Notification' in window && Notification.permission === 'granted') {
      try {
        new Notification('taperlab', { body: text, tag: reminderKey(date, dose), icon: './icon-192.png' });
      } catch {
        // Some browsers allow notifications only from a service worker: the banner still shows.
      }
    }
    showReminder(text, () => undefined);
  }
  // Older days' lists are of no use any more.
  for (const key of store.keys()) {
    if (key.startsWith('taperlab.reminded:') && key !== remindedKey(date)) store.remove(key);
  }
  if (reminded.size) store.set(remindedKey(date), JSON.stringify([...reminded]));
}

function registerServiceWorker(): void {
  // Only the built app: the development server's modules change on every save.
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  navigator.serviceWorker.register('./sw.js', { scope: './' }).catch(() => {
    // Without it the app still works online; it just cannot open offline.
  });
}

export function startOffline(): void {
  store = deviceStore();
  state.persistent = store.persistent !== false;
  outbox = new Outbox(store);
  kept = new KeptAnswers(store);
  setOfflineHooks({
    afterGet(path, data) {
      kept.keep(path, data);
      if (TODAY.test(path)) window.setTimeout(checkReminders, 0);
    },
    offlineGet(path) {
      const answer = kept.find(path);
      if (!answer) return undefined;
      if (TODAY.test(path)) {
        state.keptAt = answer.at;
        queueMicrotask(refresh);
      }
      return answer.data;
    },
    offlinePost(path, body) {
      try {
        const item = outbox.add(path, body);
        return item ? new QueuedError(item.kind) : null;
      } catch {
        // Storage full: not kept, so the person must hear that it was not saved (the network
        // error), never that it waits.
        return null;
      }
    },
    afterWrite(method, path, _body, answer) {
      const dose = DOSES.exec(path);
      if (method === 'POST' && dose) noteDoseLogged(Number(dose[1]), answer as DoseLog);
      // Signed out, or the account deleted: nothing of theirs stays on the device to be shown.
      if (path === '/auth/signout' || path === '/auth/signin' || path === '/auth/signup') kept.forgetAll();
      const person = PERSON.exec(path);
      if (method === 'DELETE' && person) {
        kept.forgetAll();
        for (const item of outbox.waitingFor(Number(person[1]))) outbox.discard(item.id);
      }
    },
  });
  outbox.onChange(refresh);
  window.addEventListener('online', () => {
    refresh();
    void sendWaiting();
  });
  window.addEventListener('offline', refresh);
  window.addEventListener('hashchange', () => {
    state.lastSent = 0;
    refresh();
  });
  // Also on a timer: "online" is not fired when a server comes back behind a working network.
  window.setInterval(() => {
    void sendWaiting();
    checkReminders();
  }, 30_000);
  registerServiceWorker();
  queueMicrotask(refresh);
  window.setTimeout(checkReminders, 2_000);
}

// For the settings page: whether ApiError is the "kept for later" one.
export function isQueued(e: unknown): boolean {
  return e instanceof QueuedError || (e instanceof ApiError && (e as Partial<QueuedError>).queued === true);
}
