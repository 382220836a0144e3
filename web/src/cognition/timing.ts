// Timing for the browser tests: stimuli change inside requestAnimationFrame, responses are timed
// with performance.now() in keydown/pointerdown handlers. Everything takes an AbortSignal so
// leaving the page stops the test.

export class Aborted extends Error {
  constructor() {
    super('test stopped');
  }
}

export function wait(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(new Aborted());
    const t = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(t);
      reject(new Aborted());
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

// Applies `change` in the next animation frame; resolves with performance.now() right after it,
// the onset time the response times are measured from.
export function showOnNextFrame(change: () => void, signal: AbortSignal): Promise<number> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(new Aborted());
    requestAnimationFrame(() => {
      if (signal.aborted) return reject(new Aborted());
      change();
      resolve(performance.now());
    });
  });
}

export interface Response {
  value: string; // the key, or the data-response of the pressed button
  t: number; // performance.now() at the event
}

// Waits for one of `keys` (KeyboardEvent.key) or a pointerdown on an element with
// data-response inside `surface`; null after `timeoutMs` (Infinity: no time-out).
export function nextResponse(
  keys: string[],
  surface: HTMLElement,
  timeoutMs: number,
  signal: AbortSignal,
): Promise<Response | null> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(new Aborted());
    let timer: ReturnType<typeof setTimeout> | undefined;
    const done = (r: Response | null) => {
      document.removeEventListener('keydown', onKey, true);
      surface.removeEventListener('pointerdown', onPointer);
      signal.removeEventListener('abort', onAbort);
      if (timer !== undefined) clearTimeout(timer);
      resolve(r);
    };
    const onKey = (ev: KeyboardEvent) => {
      if (ev.repeat || !keys.includes(ev.key)) return;
      const t = performance.now();
      ev.preventDefault();
      done({ value: ev.key, t });
    };
    const onPointer = (ev: PointerEvent) => {
      const target = (ev.target as HTMLElement).closest<HTMLElement>('[data-response]');
      if (!target) return;
      const t = performance.now();
      ev.preventDefault();
      done({ value: target.dataset.response ?? '', t });
    };
    const onAbort = () => {
      done(null);
      reject(new Aborted());
    };
    document.addEventListener('keydown', onKey, true);
    surface.addEventListener('pointerdown', onPointer);
    signal.addEventListener('abort', onAbort, { once: true });
    if (Number.isFinite(timeoutMs)) timer = setTimeout(() => done(null), timeoutMs);
  });
}

export function randomBetween(min: number, max: number): number {
  return min + Math.random() * (max - min);
}
