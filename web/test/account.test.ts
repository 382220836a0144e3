// Creating an account now that sign-up answers the same for a new and a taken address and starts
// no session (src/account.ts), signing out everywhere, and the API client sending JSON as JSON
// (the server refuses other bodies with 415).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { signedOutEverywhereText, signUpThenSignIn } from '../src/account';
import { ApiError, request } from '../src/api';

const MESSAGE = 'If this address is new, your account is ready; otherwise sign in.';
const session = { user: { id: 2, email: 'sam@example.org', role: 'patient' }, person_id: 2, csrf_token: 't' };

// A fake API: the sign-up answer, then what sign-in does with the password.
function fakePost(signIn: (body: { email: string; password: string }) => unknown) {
  const calls: [string, unknown][] = [];
  const post = <T>(path: string, body: unknown): Promise<T> => {
    calls.push([path, body]);
    if (path === '/auth/signup') return Promise.resolve({ message: MESSAGE } as T);
    try {
      return Promise.resolve(signIn(body as { email: string; password: string }) as T);
    } catch (e) {
      return Promise.reject(e instanceof Error ? e : new Error(String(e)));
    }
  };
  return { post, calls };
}

describe('sign-up then sign-in', () => {
  it('signs in with the same email and password after signing up', async () => {
    const { post, calls } = fakePost(() => session);
    const fields = { email: 'sam@example.org', password: 'a long enough passphrase', country: 'GB' };
    expect(await signUpThenSignIn(post, fields)).toEqual({ session });
    expect(calls).toEqual([
      ['/auth/signup', fields],
      ['/auth/signin', { email: 'sam@example.org', password: 'a long enough passphrase' }],
    ]);
  });

  it('tells the person to sign in when the address has an account with another password', async () => {
    const { post } = fakePost(() => {
      throw new ApiError({ status: 401, title: 'Please sign in', detail: 'the email or the password is wrong' });
    });
    expect(await signUpThenSignIn(post, { email: 'sam@example.org', password: 'another passphrase' })).toEqual({
      notice: MESSAGE,
    });
  });

  it('passes other problems on (too many attempts, a bad field)', async () => {
    const { post } = fakePost(() => {
      throw new ApiError({ status: 429, title: 'Too many attempts', detail: 'please wait' });
    });
    await expect(signUpThenSignIn(post, { email: 'sam@example.org', password: 'x'.repeat(12) })).rejects.toMatchObject({
      status: 429,
    });
    const failing = <T>(): Promise<T> =>
      Promise.reject(
        new ApiError({ status: 422, title: 'Invalid input', detail: '', errors: [{ field: 'email', message: 'x' }] }),
      );
    await expect(signUpThenSignIn(failing, { email: 'sam', password: 'x'.repeat(12) })).rejects.toMatchObject({
      status: 422,
    });
  });
});

describe('sign out everywhere', () => {
  it('says how many other devices were signed out', () => {
    expect(signedOutEverywhereText({ sessions_ended: 1 })).toBe(
      'You have been signed out. No other device was signed in.',
    );
    expect(signedOutEverywhereText({ sessions_ended: 2 })).toBe(
      'You have been signed out here and on 1 other device or browser.',
    );
    expect(signedOutEverywhereText({ sessions_ended: 4 })).toBe(
      'You have been signed out here and on 3 other devices or browsers.',
    );
  });
});

describe('the API client', () => {
  afterEach(() => vi.unstubAllGlobals());

  // The init of each fetch the client makes.
  function stubFetch(): RequestInit[] {
    const inits: RequestInit[] = [];
    vi.stubGlobal('fetch', (_url: string, init: RequestInit) => {
      inits.push(init);
      return Promise.resolve(new Response('{}', { status: 200, headers: { 'Content-Type': 'application/json' } }));
    });
    return inits;
  }

  it('sends a body as application/json', async () => {
    const inits = stubFetch();
    await request('POST', '/auth/signin', { email: 'sam@example.org', password: 'p' });
    const init = inits[0];
    expect((init.headers as Record<string, string>)['Content-Type']).toBe('application/json');
    expect(init.body).toBe('{"email":"sam@example.org","password":"p"}');
  });

  it('sends no body and no type when there is nothing to send', async () => {
    const inits = stubFetch();
    await request('POST', '/auth/signout-everywhere');
    const init = inits[0];
    expect(init.body).toBeUndefined();
    expect((init.headers as Record<string, string>)['Content-Type']).toBeUndefined();
  });
});
