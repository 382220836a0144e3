// Accounts in the browser (issue 24, point 3): the sign-up page signs in after the server's
// answer, which is the same for a new and a taken address; a taken address with another password
// stays on sign-in with the server's message; "Sign out everywhere" in Settings ends the sessions
// of the other browser too.
import { after } from 'node:test';
import assert from 'node:assert/strict';
import { apiUrl, BASE_URL, browserSteps, go, launch, signUpInBrowser } from './lib.mjs';

const { step } = browserSteps({ timeout: 60_000 });
const email = `e2e-accounts-${Date.now()}@example.org`;
const PASSWORD = 'a long enough passphrase';
let other; // a second browser signed in to the same account
after(async () => {
  await other?.browser.close();
});

step('sign up through the page: signed in after', async (page) => {
  const person = await signUpInBrowser(page, email);
  assert.ok(person.id > 0);
});

step('a taken address with another password stays on sign-in with the message', async (page) => {
  other = await launch();
  const p = other.page;
  await p.goto(BASE_URL);
  await p.getByRole('button', { name: /Create an account/ }).click();
  await p.getByLabel('Email').fill(email);
  await p.getByLabel('Password').fill('another long passphrase');
  await p.getByRole('button', { name: 'Create account' }).click();
  await p.getByText('If this address is new, your account is ready; otherwise sign in.').waitFor();
  await p.getByRole('heading', { name: 'Sign in' }).waitFor();
  assert.equal((await p.request.get(apiUrl('/auth/session'))).status(), 401, 'not signed in');
  // The account is as it was: its own password signs in.
  await p.getByLabel('Password').fill(PASSWORD);
  await p.getByRole('button', { name: 'Sign in', exact: true }).click();
  await p.getByRole('navigation', { name: 'Main' }).waitFor();
  assert.equal((await p.request.get(apiUrl('/auth/session'))).status(), 200);
  assert.deepEqual(other.problems, []);
  // The first browser is still signed in too.
  assert.equal((await page.request.get(apiUrl('/auth/session'))).status(), 200);
});

step('sign out everywhere from Settings ends both sessions', async (page) => {
  await go(page, '/settings');
  await page.getByRole('button', { name: 'Sign out everywhere' }).click();
  await page.getByRole('heading', { name: 'Signed out everywhere' }).waitFor();
  await page.getByText('You have been signed out here and on 1 other device or browser.').waitFor();
  assert.equal((await page.request.get(apiUrl('/auth/session'))).status(), 401);
  assert.equal((await other.page.request.get(apiUrl('/auth/session'))).status(), 401);
});
