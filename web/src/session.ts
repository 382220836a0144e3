// Who is signed in. The CSRF token lives in memory only (api.ts) and is fetched again from
// GET /auth/session when the page loads.
import { api, ApiError, setCsrfToken } from './api';
import type { Schemas, Session } from './api/types';

export type SessionInfo = Session;

let current: SessionInfo | null = null;

export function session(): SessionInfo | null {
  return current;
}

// A clinician's account (role "clinician"): its own pages only (main.ts's guard).
export function isClinician(): boolean {
  return current?.user.role === 'clinician';
}

export function personId(): number {
  if (!current) throw new Error('not signed in');
  return current.person_id;
}

export function setSession(info: SessionInfo | null): void {
  current = info;
  setCsrfToken(info ? info.csrf_token : null);
}

export async function loadSession(): Promise<SessionInfo | null> {
  try {
    setSession(await api.get<SessionInfo>('/auth/session'));
  } catch (e) {
    if (!(e instanceof ApiError) || (e.status !== 401 && e.status !== 404)) throw e;
    setSession(null);
  }
  return current;
}

export async function signOut(): Promise<void> {
  try {
    await api.post('/auth/signout');
  } finally {
    setSession(null);
  }
}

// Ends every session of the account, this one included (a lost phone, a shared computer).
export async function signOutEverywhere(): Promise<Schemas['SignedOutEverywhere']> {
  try {
    return await api.post<Schemas['SignedOutEverywhere']>('/auth/signout-everywhere');
  } finally {
    setSession(null);
  }
}
