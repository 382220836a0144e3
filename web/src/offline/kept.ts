// The last answers the app needs to open without a connection: the session (without its CSRF
// token, which is fetched again before anything is sent) and the person's Today. Kept on the
// device only, for the person signed in on it, and removed when they sign out or delete their
// account. Shown offline with the time they were fetched ("offline, as of 09:12").
import { KeyValueStore, readJson } from './storage';

const PREFIX = 'taperlab.kept:';

export interface KeptAnswer {
  at: string; // ISO time the answer was fetched
  data: unknown;
}

const TODAY = /^\/people\/\d+\/today$/;

// Which GETs are worth keeping: what Today needs to draw itself and the check-in form.
export function keepable(path: string): boolean {
  return path === '/auth/session' || path === '/instruments' || TODAY.test(path);
}

export class KeptAnswers {
  constructor(
    private readonly store: KeyValueStore,
    private readonly now: () => Date = () => new Date(),
  ) {}

  keep(path: string, data: unknown): void {
    if (!keepable(path)) return;
    let value = data;
    if (path === '/auth/session' && data && typeof data === 'object') {
      // The CSRF token stays in memory only (api.ts); offline nothing is sent anyway.
      value = { ...(data as Record<string, unknown>), csrf_token: '' };
    }
    try {
      this.store.set(PREFIX + path, JSON.stringify({ at: this.now().toISOString(), data: value }));
    } catch {
      // Storage full or refused: the app still works online, it just cannot open offline.
    }
  }

  find(path: string): KeptAnswer | null {
    if (!keepable(path)) return null;
    return readJson<KeptAnswer>(this.store, PREFIX + path);
  }

  // The person's Today as last fetched, if any.
  today(personId: number): KeptAnswer | null {
    return this.find(`/people/${personId}/today`);
  }

  forgetAll(): void {
    for (const key of this.store.keys()) {
      if (key.startsWith(PREFIX)) this.store.remove(key);
    }
  }
}
