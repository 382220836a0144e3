// The offline outbox (src/offline/outbox.ts): what is kept is sent once, in order, and nothing is
// lost when the connection or the server fails along the way.
import { describe, expect, it } from 'vitest';
import { ApiError } from '../src/api';
import { Outbox, QueuedError, queueable, Sender, waitingText } from '../src/offline/outbox';
import { MemoryStore } from '../src/offline/storage';

const PID = 7;
const CHECK_INS = `/people/${PID}/check-ins`;
const DOSES = `/people/${PID}/doses`;

// A stand-in for the server: one check-in per day (409 on a second unless `replace`), a dose log,
// and switches for a dropped connection or an answer lost after the write was stored.
class FakeServer implements Sender {
  checkIns = new Map<string, Record<string, unknown>>();
  doses: Record<string, unknown>[] = [];
  posts = 0;
  offline = false;
  loseNextAnswer = false; // store the write, then fail as if the connection dropped
  failWith: ApiError | null = null;

  // A promise as the API client gives one: what answer() throws becomes its rejection.
  post(path: string, body: unknown): Promise<unknown> {
    return new Promise((resolve) => resolve(this.answer(path, body)));
  }

  private answer(path: string, body: unknown): unknown {
    if (this.offline) throw new ApiError({ status: 0, title: 'No connection' });
    if (this.failWith) throw this.failWith;
    this.posts += 1;
    const b = body as Record<string, unknown>;
    if (path === CHECK_INS) {
      const date = String(b.date);
      if (this.checkIns.has(date) && b.replace !== true)
        throw new ApiError({ status: 409, title: 'Conflict', detail: 'a check-in for this day is already stored' });
      const stored = { ...b };
      delete stored.replace;
      this.checkIns.set(date, stored);
    } else if (path === DOSES) {
      this.doses.push({ ...b, drug_id: b.drug, planned_time: b.planned_time ?? null });
    } else {
      throw new ApiError({ status: 404, title: 'Not found' });
    }
    if (this.loseNextAnswer) {
      this.loseNextAnswer = false;
      throw new ApiError({ status: 0, title: 'No connection' });
    }
    return { ok: true };
  }

  get<T>(path: string): Promise<T> {
    return new Promise((resolve) => {
      if (this.offline) throw new ApiError({ status: 0, title: 'No connection' });
      const m = /from=([0-9-]+)/.exec(path);
      resolve({ doses: this.doses.filter((d) => d.date === m?.[1]) } as T);
    });
  }
}

function outbox(store = new MemoryStore()): Outbox {
  let n = 0;
  return new Outbox(
    store,
    'outbox',
    () => new Date('2026-12-07T08:05:00'),
    () => `id-${++n}`,
  );
}

const checkIn = (date: string, mood: number) => ({ date, mood, symptoms: { anxiety: 1 } });

describe('which requests may wait', () => {
  it('takes check-ins and doses of a person, nothing else', () => {
    expect(queueable(CHECK_INS)).toEqual({ kind: 'check-in', personId: PID });
    expect(queueable(DOSES)).toEqual({ kind: 'dose', personId: PID });
    expect(queueable(`/people/${PID}/questionnaires/phq-9`)).toBeNull();
    expect(queueable(`/people/${PID}/plans`)).toBeNull();
    expect(queueable('/auth/signin')).toBeNull();
  });

  it('says what is waiting in words', () => {
    const box = outbox();
    expect(waitingText(box.items())).toBe('');
    box.add(CHECK_INS, checkIn('2026-12-07', 6));
    expect(waitingText(box.items())).toBe('1 check-in waiting to be sent');
    box.add(DOSES, { date: '2026-12-07', planned_time: '08:00', drug: 'diazepam' });
    box.add(DOSES, { date: '2026-12-07', planned_time: '20:00', drug: 'diazepam' });
    expect(waitingText(box.items())).toBe('1 check-in and 2 doses waiting to be sent');
  });

  it('raises an error that says the answer is kept', () => {
    const e = new QueuedError('check-in');
    expect(e).toBeInstanceOf(ApiError);
    expect(e.status).toBe(0);
    expect(e.message).toMatch(/saved on this device/);
  });
});

describe('sending what waits', () => {
  it('sends each item once and empties the outbox', async () => {
    const box = outbox();
    const server = new FakeServer();
    box.add(CHECK_INS, checkIn('2026-12-07', 6));
    box.add(DOSES, { date: '2026-12-07', planned_time: '08:00', drug: 'diazepam' });
    const result = await box.flush(PID, server);
    expect(result).toEqual({ sent: 2, waiting: 0, failed: 0 });
    expect(server.checkIns.get('2026-12-07')?.mood).toBe(6);
    expect(server.doses).toHaveLength(1);
    expect(box.items()).toEqual([]);
    // A second flush has nothing left to send.
    expect((await box.flush(PID, server)).sent).toBe(0);
    expect(server.posts).toBe(2);
  });

  it('keeps a dose confirmed offline at the time it was confirmed on the device', () => {
    const box = outbox();
    box.add(DOSES, { date: '2026-12-07', planned_time: '08:00', drug: 'diazepam' });
    expect(box.items()[0].body.time).toBe('08:05');
    box.add(DOSES, { date: '2026-12-07', planned_time: '20:00', drug: 'diazepam', status: 'missed', dose_mg: 0 });
    expect(box.items()[1].body.time).toBeUndefined();
  });

  it('loses nothing when the connection drops: the rest waits for the next try', async () => {
    const box = outbox();
    const server = new FakeServer();
    box.add(CHECK_INS, checkIn('2026-12-06', 5));
    box.add(CHECK_INS, checkIn('2026-12-07', 6));
    server.offline = true;
    const first = await box.flush(PID, server);
    expect(first).toEqual({ sent: 0, waiting: 2, failed: 0, stoppedBy: 'offline' });
    expect(box.items()).toHaveLength(2);
    server.offline = false;
    expect((await box.flush(PID, server)).sent).toBe(2);
    expect([...server.checkIns.keys()]).toEqual(['2026-12-06', '2026-12-07']); // in order
  });

  it('replays a check-in whose answer was lost without storing it twice', async () => {
    const box = outbox();
    const server = new FakeServer();
    box.add(CHECK_INS, checkIn('2026-12-07', 6));
    server.loseNextAnswer = true;
    const first = await box.flush(PID, server);
    expect(first.stoppedBy).toBe('offline');
    expect(box.items()).toHaveLength(1); // not known to be stored: kept
    expect(server.checkIns.size).toBe(1); // but it was
    const second = await box.flush(PID, server);
    expect(second.sent).toBe(1);
    expect(server.checkIns.size).toBe(1); // 409, then the same answer again with replace
    expect(server.checkIns.get('2026-12-07')).toEqual(checkIn('2026-12-07', 6));
    expect(box.items()).toEqual([]);
  });

  it('replays a dose whose answer was lost without logging it twice', async () => {
    const box = outbox();
    const server = new FakeServer();
    box.add(DOSES, { date: '2026-12-07', planned_time: '08:00', drug: 'diazepam' });
    server.loseNextAnswer = true;
    await box.flush(PID, server);
    expect(box.items()).toHaveLength(1);
    const second = await box.flush(PID, server);
    expect(second.sent).toBe(1);
    expect(server.doses).toHaveLength(1);
    expect(box.items()).toEqual([]);
  });

  it('replays an extra dose whose answer was lost without logging it twice', async () => {
    const box = outbox();
    const server = new FakeServer();
    box.add(DOSES, { date: '2026-12-07', status: 'extra', drug: 'diazepam', dose_mg: 2 });
    server.loseNextAnswer = true;
    await box.flush(PID, server);
    expect(server.doses).toHaveLength(1);
    expect(box.items()[0].tried).toBe(true);
    expect((await box.flush(PID, server)).sent).toBe(1);
    expect(server.doses).toHaveLength(1);
    expect(box.items()).toEqual([]);
  });

  it('sends two extra doses of the same minute and amount as two doses', async () => {
    const box = outbox();
    const server = new FakeServer();
    box.add(DOSES, { date: '2026-12-07', status: 'extra', drug: 'diazepam', dose_mg: 2 });
    box.add(DOSES, { date: '2026-12-07', status: 'extra', drug: 'diazepam', dose_mg: 2 });
    expect(box.items()).toHaveLength(2); // not one record: nothing merges extra doses
    expect((await box.flush(PID, server)).sent).toBe(2);
    expect(server.doses).toHaveLength(2);
  });

  it('keeps one check-in per day: a newer answer replaces the waiting one', async () => {
    const box = outbox();
    const server = new FakeServer();
    box.add(CHECK_INS, checkIn('2026-12-07', 3));
    box.add(DOSES, { date: '2026-12-07', planned_time: '08:00', drug: 'diazepam' });
    box.add(CHECK_INS, checkIn('2026-12-07', 8));
    expect(box.items().map((i) => i.kind)).toEqual(['check-in', 'dose']);
    await box.flush(PID, server);
    expect(server.posts).toBe(2);
    expect(server.checkIns.get('2026-12-07')?.mood).toBe(8);
  });

  it('never sends twice when two flushes start together', async () => {
    const box = outbox();
    const server = new FakeServer();
    box.add(CHECK_INS, checkIn('2026-12-07', 6));
    box.add(DOSES, { date: '2026-12-07', planned_time: '08:00', drug: 'diazepam' });
    const [a, b] = await Promise.all([box.flush(PID, server), box.flush(PID, server)]);
    expect(a).toBe(b);
    expect(server.posts).toBe(2);
    expect(server.doses).toHaveLength(1);
  });

  it('keeps what the server refuses, with its reason, and sends the rest', async () => {
    const box = outbox();
    const server = new FakeServer();
    box.add(CHECK_INS, checkIn('2026-12-07', 6));
    box.add(DOSES, { date: '2026-12-07', planned_time: '08:00', drug: 'diazepam' });
    const refusing = {
      post: (path: string, body: unknown) =>
        path === CHECK_INS
          ? Promise.reject(new ApiError({ status: 422, title: 'Invalid', detail: 'The mood must be from 0 to 10.' }))
          : server.post(path, body),
      get: <T>(path: string) => server.get<T>(path),
    };
    const result = await box.flush(PID, refusing);
    expect(result).toEqual({ sent: 1, waiting: 0, failed: 1 });
    const [kept] = box.items();
    expect(kept.kind).toBe('check-in');
    expect(kept.error).toMatch(/mood/);
    expect(waitingText(box.items())).toBe(''); // not "waiting": it needs the person
    // A refused item is not retried by itself; the person discards it.
    expect((await box.flush(PID, server)).sent).toBe(0);
    box.discard(kept.id);
    expect(box.items()).toEqual([]);
  });

  it('stops without losing anything when the session has ended or the server fails', async () => {
    const box = outbox();
    const server = new FakeServer();
    box.add(CHECK_INS, checkIn('2026-12-07', 6));
    server.failWith = new ApiError({ status: 401, title: 'Sign in' });
    expect((await box.flush(PID, server)).stoppedBy).toBe('signed-out');
    server.failWith = new ApiError({ status: 503, title: 'Unavailable' });
    expect((await box.flush(PID, server)).stoppedBy).toBe('server');
    expect(box.items()).toHaveLength(1);
    expect(box.items()[0].error).toBeUndefined();
    server.failWith = null;
    expect((await box.flush(PID, server)).sent).toBe(1);
  });

  it("sends only the signed-in person's items and survives a reload", async () => {
    const store = new MemoryStore();
    const box = outbox(store);
    box.add(CHECK_INS, checkIn('2026-12-07', 6));
    box.add('/people/8/check-ins', checkIn('2026-12-07', 2));
    const again = outbox(store); // the page loaded again: the same storage
    expect(again.items()).toHaveLength(2);
    const server = new FakeServer();
    await again.flush(PID, server);
    expect(server.posts).toBe(1);
    expect(again.items().map((i) => i.personId)).toEqual([8]);
  });
});
