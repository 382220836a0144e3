// Helpers for the browser tests: playwright-core (from web/node_modules) driving Debian's
// Chromium against a running `taperlab serve`.
import { createRequire } from 'node:module';
import { mkdirSync } from 'node:fs';
import path from 'node:path';

const require = createRequire(new URL('../../web/package.json', import.meta.url));
const { chromium } = require('playwright-core');

export const BASE_URL = process.env.E2E_BASE_URL ?? 'http://127.0.0.1:8080/';
export const SCREENSHOTS = process.env.E2E_SCREENSHOTS ?? path.resolve('e2e-screenshots');
export const CHROMIUM = process.env.E2E_CHROMIUM ?? '/usr/lib/chromium/chromium';

export async function launch() {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--disable-gpu', '--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  // A phone-sized viewport: the app must work at 390 px.
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1, acceptDownloads: true });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    // CSP violations and uncaught errors show here; failed API calls the test provokes do not count.
    if (m.type() === 'error' && /Content Security Policy|Refused to|Uncaught/i.test(m.text())) problems.push(`console: ${m.text()}`);
  });
  return { browser, context, page, problems };
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
