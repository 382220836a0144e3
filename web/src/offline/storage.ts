// Where offline data lives on the device: localStorage, behind a small interface so that the
// queue can be tested with a map and so that a browser that refuses storage (private mode, quota)
// degrades to "not kept" instead of throwing in the middle of a check-in.

export interface KeyValueStore {
  // False when nothing survives the page (the browser refused storage): the app says so.
  readonly persistent?: boolean;
  get(key: string): string | null;
  set(key: string, value: string): void;
  remove(key: string): void;
  keys(): string[];
}

export class MemoryStore implements KeyValueStore {
  readonly persistent = false;
  private readonly data = new Map<string, string>();
  get(key: string): string | null {
    return this.data.has(key) ? (this.data.get(key) as string) : null;
  }
  set(key: string, value: string): void {
    this.data.set(key, value);
  }
  remove(key: string): void {
    this.data.delete(key);
  }
  keys(): string[] {
    return [...this.data.keys()];
  }
}

// localStorage when the browser lets us use it, else memory (lost with the tab, said in the UI).
export function deviceStore(): KeyValueStore {
  try {
    const probe = '__taperlab_probe__';
    localStorage.setItem(probe, '1');
    localStorage.removeItem(probe);
    return {
      persistent: true,
      get: (key) => localStorage.getItem(key),
      set: (key, value) => localStorage.setItem(key, value),
      remove: (key) => localStorage.removeItem(key),
      keys: () => Array.from({ length: localStorage.length }, (_, i) => localStorage.key(i) ?? '').filter(Boolean),
    };
  } catch {
    return new MemoryStore();
  }
}

export function readJson<T>(store: KeyValueStore, key: string): T | null {
  const text = store.get(key);
  if (text === null) return null;
  try {
    return JSON.parse(text) as T;
  } catch {
    return null;
  }
}
