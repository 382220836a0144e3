// The JSON API client (docs/api.md). Keeps the CSRF token in memory and sends it with every
// state-changing request; turns problem documents (RFC 9457) into ApiError.
import type { FieldProblem, Problem } from './api/types';
import { problemText, type ProblemInit } from './problem_text';

export type { FieldProblem, Problem };

export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem;
  // The server's problem document, or one made here (no connection, a proxy's error page).
  constructor(init: ProblemInit) {
    const problem: Problem = { type: 'about:blank', title: '', detail: '', errors: [], ...init };
    // A sentence a person can read, whatever the server's fields and fragments were.
    super(problemText(problem));
    this.status = problem.status;
    this.problem = problem;
  }
  get fieldErrors(): FieldProblem[] {
    return this.problem.errors;
  }
}

export const API_BASE = 'api/v1';

let csrfToken: string | null = null;
let onUnauthorized: (() => void) | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

export function setUnauthorizedHandler(handler: () => void): void {
  onUnauthorized = handler;
}

// The URL of an API path, relative to the page, for links (downloads) as well as fetch.
export function apiUrl(path: string): string {
  return `${API_BASE}${path.startsWith('/') ? path : `/${path}`}`;
}

// The server answers a problem document (application/problem+json); anything else (a proxy's
// page) becomes one with the status and the start of the text.
async function problemFrom(res: Response): Promise<ProblemInit> {
  const text = await res.text();
  if ((res.headers.get('Content-Type') ?? '').includes('problem+json')) {
    try {
      return JSON.parse(text) as Problem;
    } catch {
      // not JSON after all: as below
    }
  }
  return { status: res.status, title: res.statusText, detail: text.slice(0, 200) };
}

export async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && method !== 'HEAD' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(apiUrl(path), {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError({
      status: 0,
      title: 'No connection',
      detail: 'Could not reach taperlab. Check the connection and try again.',
    });
  }
  if (!res.ok) {
    const problem = await problemFrom(res);
    if (res.status === 401 && onUnauthorized && !path.startsWith('/auth/')) onUnauthorized();
    throw new ApiError(problem);
  }
  if (res.status === 204) return undefined as T;
  const type = res.headers.get('Content-Type') ?? '';
  if (!type.includes('json')) return (await res.text()) as unknown as T;
  return (await res.json()) as T;
}

// Offline support (offline/setup.ts) plugs in here: answers kept for when the connection is gone,
// and check-ins or doses kept on the device to be sent later instead of failing.
export interface OfflineHooks {
  afterGet?(path: string, data: unknown): void;
  // A kept answer for a GET that could not reach the server, or undefined.
  offlineGet?(path: string): unknown;
  // For a POST that could not reach the server: the error to throw once it is kept, or null.
  offlinePost?(path: string, body: unknown): ApiError | null;
  afterWrite?(method: string, path: string, body: unknown, answer: unknown): void;
}
let offline: OfflineHooks = {};
export function setOfflineHooks(hooks: OfflineHooks): void {
  offline = hooks;
}
const unreachable = (e: unknown) => e instanceof ApiError && e.status === 0;

async function write<T>(method: string, path: string, body?: unknown): Promise<T> {
  try {
    const answer = await request<T>(method, path, body);
    offline.afterWrite?.(method, path, body, answer);
    return answer;
  } catch (e) {
    const queued = method === 'POST' && unreachable(e) ? offline.offlinePost?.(path, body) : null;
    throw queued ?? e;
  }
}

export const api = {
  get: async <T>(path: string): Promise<T> => {
    try {
      const answer = await request<T>('GET', path);
      offline.afterGet?.(path, answer);
      return answer;
    } catch (e) {
      const kept = unreachable(e) ? offline.offlineGet?.(path) : undefined;
      if (kept !== undefined) return kept as T;
      throw e;
    }
  },
  post: <T>(path: string, body: unknown = {}) => write<T>('POST', path, body),
  put: <T>(path: string, body: unknown) => write<T>('PUT', path, body),
  del: <T>(path: string) => write<T>('DELETE', path),
};

// A person-scoped path: /people/{pid}/...
export function personPath(personId: number | string, rest = ''): string {
  return `/people/${encodeURIComponent(String(personId))}${rest}`;
}
