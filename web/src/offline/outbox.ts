// Check-ins and dose confirmations made without a connection wait here, on the device, until the
// server can take them (issue 22: "no data lost"). Rules:
//  - nothing is dropped: an item leaves the outbox only after the server has stored it (or
//    already had it), or when the person discards one the server refused;
//  - nothing is stored twice: one check-in per day (a newer answer for the same day replaces the
//    waiting one, as the server would), one confirmation per planned dose; a replay whose first
//    try reached the server but whose answer was lost finds it there (a check-in answers 409 and is
//    sent again with `replace`, the same content; a dose is looked up in the day's log first);
//  - one flush at a time, in the order the items were made.
import { ApiError } from '../api';
import { KeyValueStore, readJson } from './storage';
import type { DoseLog, Schemas } from '../api/types';

type DoseLogList = Schemas['DoseLogList'];

export type OutboxKind = 'check-in' | 'dose';

export interface OutboxItem {
  id: string;
  kind: OutboxKind;
  personId: number;
  path: string; // the API path, "/people/3/check-ins"
  body: Record<string, unknown>;
  madeAt: string; // ISO time on the device
  error?: string; // set when the server refused it (kept, shown, discardable)
  tried?: boolean; // sent at least once: the server may hold it even without having answered
}

// What the outbox sends with: the app's API client (the session's cookie and CSRF token).
export interface Sender {
  post(path: string, body: unknown): Promise<unknown>;
  get<T>(path: string): Promise<T>;
}

export interface FlushResult {
  sent: number;
  waiting: number;
  failed: number; // refused by the server, kept with their error
  stoppedBy?: 'offline' | 'signed-out' | 'server'; // why the flush ended early
}

// Raised in place of the network error when a POST was kept for later (api.ts throws it).
export class QueuedError extends ApiError {
  readonly queued = true;
  constructor(kind: OutboxKind) {
    super({
      status: 0,
      title: 'Saved on this device',
      detail: `No connection: your ${kind === 'check-in' ? 'check-in is' : 'dose is'} saved on this device and will be sent when you are back online.`,
    });
  }
}

const PERSON_PATH = /^\/people\/(\d+)\/(check-ins|doses)$/;

// Which POSTs may wait: a check-in or a dose of a person. Anything else (a plan, a questionnaire
// with its crisis screen) needs the server's answer at once.
export function queueable(path: string): { kind: OutboxKind; personId: number } | null {
  const m = PERSON_PATH.exec(path);
  if (!m) return null;
  return { kind: m[2] === 'check-ins' ? 'check-in' : 'dose', personId: Number(m[1]) };
}

// "08:05" on the device's clock.
function localTime(d: Date): string {
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}

// A field of a kept body (text or a number, as the forms wrote it) as text; '' when absent.
function str(v: unknown): string {
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '';
}

// Two items that the server would store as one: the same person's check-in of one day, or the
// same planned dose (day, time, drug).
function sameRecord(a: OutboxItem, b: OutboxItem): boolean {
  if (a.kind !== b.kind || a.personId !== b.personId) return false;
  if (str(a.body.date) !== str(b.body.date)) return false;
  if (a.kind === 'check-in') return true;
  return (
    str(a.body.planned_time) === str(b.body.planned_time) &&
    str(a.body.drug) === str(b.body.drug) &&
    str(a.body.planned_time) !== ''
  );
}

export class Outbox {
  private flushing: Promise<FlushResult> | null = null;
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly store: KeyValueStore,
    private readonly key = 'taperlab.outbox',
    private readonly now: () => Date = () => new Date(),
    private readonly newId: () => string = () =>
      `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`,
  ) {}

  items(): OutboxItem[] {
    return readJson<OutboxItem[]>(this.store, this.key) ?? [];
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private save(items: OutboxItem[]): void {
    if (items.length === 0) this.store.remove(this.key);
    else this.store.set(this.key, JSON.stringify(items));
    for (const l of this.listeners) l();
  }

  // Keeps a POST for later; a waiting item for the same record is replaced (the newer answer wins)
  // and keeps its place in the order.
  add(path: string, body: unknown): OutboxItem | null {
    const target = queueable(path);
    if (!target || typeof body !== 'object' || body === null) return null;
    const madeAt = this.now();
    const kept: Record<string, unknown> = { ...(body as Record<string, unknown>) };
    // A dose sent later must still say when it was taken: the device's clock now, not the
    // server's when the connection comes back.
    if (target.kind === 'dose' && kept.time === undefined && kept.status !== 'missed') kept.time = localTime(madeAt);
    const item: OutboxItem = {
      id: this.newId(),
      kind: target.kind,
      personId: target.personId,
      path,
      body: kept,
      madeAt: madeAt.toISOString(),
    };
    const items = this.items();
    const at = items.findIndex((other) => sameRecord(other, item));
    if (at >= 0) items[at] = item;
    else items.push(item);
    this.save(items);
    return item;
  }

  discard(id: string): void {
    this.save(this.items().filter((i) => i.id !== id));
  }

  waitingFor(personId: number): OutboxItem[] {
    return this.items().filter((i) => i.personId === personId);
  }

  // Sends the person's waiting items, oldest first. A second call while one runs gets the same
  // promise: two flushes never send one item twice.
  flush(personId: number, sender: Sender): Promise<FlushResult> {
    if (!this.flushing) {
      this.flushing = this.run(personId, sender).finally(() => {
        this.flushing = null;
      });
    }
    return this.flushing;
  }

  private async run(personId: number, sender: Sender): Promise<FlushResult> {
    const result: FlushResult = { sent: 0, waiting: 0, failed: 0 };
    for (const item of this.items()) {
      if (item.personId !== personId || item.error) continue;
      try {
        await this.send(item, sender);
        this.remove(item.id);
        result.sent += 1;
      } catch (e) {
        const status = e instanceof ApiError ? e.status : 0;
        if (status === 0) result.stoppedBy = 'offline';
        else if (status === 401 || status === 403) result.stoppedBy = 'signed-out';
        else if (status >= 500 || status === 429) result.stoppedBy = 'server';
        if (result.stoppedBy) break;
        // The server will never take it as it is (a day in the future, a value out of range):
        // kept with the reason, for the person to see and discard.
        this.markFailed(item.id, e instanceof Error ? e.message : 'The server refused it.');
      }
    }
    for (const item of this.waitingFor(personId)) {
      if (item.error) result.failed += 1;
      else result.waiting += 1;
    }
    return result;
  }

  private async send(item: OutboxItem, sender: Sender): Promise<void> {
    if (item.kind === 'dose') {
      if (await this.doseAlreadyLogged(item, sender)) return;
      this.markTried(item.id);
      await sender.post(item.path, item.body);
      return;
    }
    try {
      await sender.post(item.path, item.body);
    } catch (e) {
      // The day already has a check-in: ours, stored by a try whose answer never came back, or
      // one made since. The person's latest answer from this device is this one: it replaces it.
      if (!(e instanceof ApiError) || e.status !== 409 || item.body.replace === true) throw e;
      await sender.post(item.path, { ...item.body, replace: true });
    }
  }

  // Whether the day's log already holds this dose: a planned dose is known by its planned time
  // and drug (one per planned dose); an extra dose, which has no planned time, by its time, drug
  // and amount, and only when an earlier try may have stored it (two extra doses of the same
  // minute and amount, never sent, are two doses).
  private async doseAlreadyLogged(item: OutboxItem, sender: Sender): Promise<boolean> {
    const date = str(item.body.date);
    const planned = str(item.body.planned_time);
    if (!date || (!planned && !item.tried)) return false;
    const answer = await sender.get<DoseLogList>(
      `/people/${item.personId}/doses?from=${encodeURIComponent(date)}&to=${encodeURIComponent(date)}`,
    );
    const drug = str(item.body.drug);
    const sameDrug = (d: DoseLog) => !drug || d.drug_id === drug;
    if (planned) return answer.doses.some((d) => d.planned_time === planned && sameDrug(d));
    return answer.doses.some(
      (d) =>
        !d.planned_time &&
        sameDrug(d) &&
        str(d.time) === str(item.body.time) &&
        d.dose_mg === Number(item.body.dose_mg),
    );
  }

  private markTried(id: string): void {
    this.save(this.items().map((i) => (i.id === id ? { ...i, tried: true } : i)));
  }

  private remove(id: string): void {
    this.save(this.items().filter((i) => i.id !== id));
  }

  private markFailed(id: string, error: string): void {
    this.save(this.items().map((i) => (i.id === id ? { ...i, error } : i)));
  }
}

// "1 check-in waiting to be sent", "1 check-in and 2 doses waiting to be sent"; empty when none.
export function waitingText(items: OutboxItem[]): string {
  const waiting = items.filter((i) => !i.error);
  if (waiting.length === 0) return '';
  const checkIns = waiting.filter((i) => i.kind === 'check-in').length;
  const doses = waiting.length - checkIns;
  const parts: string[] = [];
  if (checkIns) parts.push(`${checkIns} check-in${checkIns === 1 ? '' : 's'}`);
  if (doses) parts.push(`${doses} dose${doses === 1 ? '' : 's'}`);
  return `${parts.join(' and ')} waiting to be sent`;
}
