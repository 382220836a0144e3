// Helpers for the browser tests: playwright-core (from web/node_modules) driving Debian's
// Chromium against a running `taperlab serve`.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { mkdirSync } from 'node:fs';
import path from 'node:path';

const require = createRequire(new URL('../../web/package.json', import.meta.url));
const { chromium } = require('playwright-core');

export const BASE_URL = process.env.E2E_BASE_URL ?? 'http://127.0.0.1:8080/';
export const SCREENSHOTS = process.env.E2E_SCREENSHOTS ?? path.resolve('e2e-screenshots');
export const CHROMIUM = process.env.E2E_CHROMIUM ?? '/usr/lib/chromium/chromium';

// `context`: playwright's browser context options on top of the phone-sized default (a locale,
// a time zone, another viewport).
export async function launch(context = {}) {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--disable-gpu', '--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  // A phone-sized viewport: the app must work at 390 px.
  const opened = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1, acceptDownloads: true, ...context });
  opened.setDefaultTimeout(15_000);
  const page = await opened.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    // CSP violations and uncaught errors show here; failed API calls the test provokes do not count.
    if (m.type() === 'error' && /Content Security Policy|Refused to|Uncaught/i.test(m.text())) problems.push(`console: ${m.text()}`);
  });
  return { browser, context: opened, page, problems };
}

// One browser for a test file, opened before its first test and closed after its last, and
// `step(name, fn)`: a test on its page that fails on page errors or CSP violations and saves a
// screenshot of how it ended, pass or fail. `setUp(env)` runs once the page is open (an account
// made through the API, a journal imported); `prefix` starts each screenshot's name.
export function browserSteps({ timeout = 90_000, context = {}, prefix = '', setUp } = {}) {
  const env = {};
  before(async () => {
    Object.assign(env, await launch(context));
    if (setUp) await setUp(env);
  });
  after(async () => {
    await env.browser?.close();
  });
  function step(name, fn, stepTimeout = timeout) {
    test(name, { timeout: stepTimeout }, async () => {
      try {
        await fn(env.page);
        assert.deepEqual(env.problems, [], 'no page errors or CSP violations');
      } finally {
        await screenshot(env.page, prefix ? `${prefix} ${name}` : name);
      }
    });
  }
  return { env, step };
}

export const apiUrl = (path) => new URL(`api/v1${path}`, BASE_URL).href;

// Signs up and then in through the API (`request`: a page's or a context's), as the web app does:
// sign-up answers the same for a new and a taken address and starts no session. Returns the
// session (person_id, csrf_token); the cookie stays in the request's context.
export async function signUpThenSignIn(request, data) {
  const body = { password: 'a long enough passphrase', ...data };
  const res = await request.post(apiUrl('/auth/signup'), { data: body });
  assert.equal(res.status(), 202, await res.text());
  const signedIn = await request.post(apiUrl('/auth/signin'), { data: { email: body.email, password: body.password } });
  assert.equal(signedIn.status(), 200, await signedIn.text());
  return signedIn.json();
}

// An account made through the API (the sign-up page has its own tests): { personId, csrf }.
export async function signUpByApi(page, data) {
  const session = await signUpThenSignIn(page.request, data);
  return { personId: session.person_id, csrf: session.csrf_token };
}

// Signs up through the sign-up page, as a person does: { id, csrf, today } (today: the server's
// date for them).
export async function signUpInBrowser(page, email) {
  await page.goto(BASE_URL);
  await page.getByRole('button', { name: /Create an account/ }).click();
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('a long enough passphrase');
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.getByRole('navigation', { name: 'Main' }).waitFor();
  const session = await (await page.request.get(apiUrl('/auth/session'))).json();
  const today = await (await page.request.get(apiUrl(`/people/${session.person_id}/today`))).json();
  return { id: session.person_id, csrf: session.csrf_token, today: today.date };
}

// The ISO date n days after `date` (n may be negative).
export function plusDays(date, n) {
  const t = Date.parse(`${date}T00:00:00Z`) + n * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

let counter = 0;
export async function screenshot(page, name, fullPage = true) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  counter += 1;
  const file = path.join(SCREENSHOTS, `${String(counter).padStart(2, '0')}-${name.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}.png`);
  await page.screenshot({ path: file, fullPage }).catch(() => {});
  return file;
}

export async function go(page, route) {
  await page.goto(new URL(`#${route}`, BASE_URL).href);
}
