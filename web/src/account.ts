// Creating an account and ending sessions, without the DOM (test/account.test.ts).
//
// Sign-up answers the same whether or not the address already has an account (so that it cannot
// be used to learn who has one) and starts no session: the app signs in with the same email and
// password next. For a new address that is the new account; for one that has an account it is
// that account if the password is its own, and otherwise the sign-in fails and the person is told
// what the server said: if the address is new the account is ready, otherwise sign in.
import { ApiError } from './api';
import type { Schemas } from './api/types';

export type SignUpAnswer = Schemas['SignUpAnswer'];
export type SignedOutEverywhere = Schemas['SignedOutEverywhere'];
type Session = Schemas['Session'];

export interface SignUpFields {
  email: string;
  password: string;
  name?: string;
  country?: string;
  time_zone?: string;
  role?: 'patient' | 'clinician';
}

// What the sign-up form does next: show the session's pages, or stay on sign-in with a notice.
export type SignUpOutcome = { session: Session } | { notice: string };

export type Post = <T>(path: string, body: unknown) => Promise<T>;

export async function signUpThenSignIn(post: Post, fields: SignUpFields): Promise<SignUpOutcome> {
  const answer = await post<SignUpAnswer>('/auth/signup', fields);
  try {
    return { session: await post<Session>('/auth/signin', { email: fields.email, password: fields.password }) };
  } catch (e) {
    // Wrong password for an address that has an account: the sign-up's own words, nothing more.
    if (e instanceof ApiError && e.status === 401) return { notice: answer.message };
    throw e;
  }
}

// The line shown after "Sign out everywhere".
export function signedOutEverywhereText(answer: SignedOutEverywhere): string {
  const n = answer.sessions_ended;
  if (n <= 1) return 'You have been signed out. No other device was signed in.';
  const others = n - 1;
  return `You have been signed out here and on ${others} other ${others === 1 ? 'device or browser' : 'devices or browsers'}.`;
}
