// A prescriber and a person (issue 20), both on a phone (390x844) in their own browser contexts:
// - the person starts a plan and makes a one-time link code on "Share with my clinician";
// - a clinician signs up as one, lands on the dashboard (no Today, no check-in) and links with it;
// - the person's check-in on the last day of a step with too few check-ins makes the plan hold;
// - the clinician sees the person on the dashboard (a card on a phone), opens them, is refused an
//   edit that breaks the rate cap (the message at the field), approves the hold and downloads the
//   visit report (a PDF), and opens the pharmacy view from the person's page;
// - the person sees the approval and, in the access log, that the clinician looked; a person never
//   reaches the dashboard, a clinician never a person's pages; unlinking ends the clinician's view.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { apiUrl, BASE_URL, go, launch, plusDays, screenshot, signUpInBrowser } from './lib.mjs';

const PASSWORD = 'a long enough passphrase';
const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 1, acceptDownloads: true, locale: 'en-US' };

describe('a clinician links, reviews a hold and downloads the visit report', () => {
  let env;
  let person; // { page, id, csrf, today }
  let doctor; // { page, context }
  const problems = [];
  const stamp = Date.now();

  function watch(page) {
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error' && /Content Security Policy|Refused to|Uncaught/i.test(m.text())) problems.push(`console: ${m.text()}`);
    });
  }

  before(async () => {
    env = await launch(PHONE);
    watch(env.page);
    const context = await env.browser.newContext(PHONE);
    context.setDefaultTimeout(15_000);
    doctor = { context, page: await context.newPage() };
    watch(doctor.page);
  });
  after(async () => {
    await env?.browser.close();
  });

  function step(name, fn, timeout = 90_000) {
    test(name, { timeout }, async () => {
      try {
        await fn();
        assert.deepEqual(problems, [], 'no page errors or CSP violations');
      } finally {
        await screenshot(env.page, `clinician person ${name}`);
        await screenshot(doctor.page, `clinician doctor ${name}`);
      }
    });
  }

  async function personPost(rest, data, status = 201) {
    const res = await env.page.request.post(apiUrl(`/people/${person.id}${rest}`), {
      data,
      headers: { 'X-CSRF-Token': person.csrf },
    });
    assert.equal(res.status(), status, `${rest}: ${await res.text()}`);
    return res.json();
  }

  let code = '';

  step('the person starts a plan and makes a link code', async () => {
    const page = env.page;
    const signed = await signUpInBrowser(page, `e2e-clinic-person-${stamp}@example.org`);
    person = { page, ...signed };
    const named = await page.request.put(apiUrl(`/people/${person.id}`), {
      data: { name: 'Pat Example' },
      headers: { 'X-CSRF-Token': person.csrf },
    });
    assert.equal(named.status(), 200, await named.text());
    await personPost('/regimen', { regimen: 'clonazepam 0.5mg@08:00, 0.5mg@20:00', weeks_on_regimen: 52 });
    // The first cut 13 days ago: today is the step's last day, when the plan is reviewed.
    await personPost('/plans', { strategy: 'fraction', cut: '10%', every: '14d', start: plusDays(person.today, -13), country: 'US' });
    await go(page, '/share');
    await page.getByRole('heading', { name: 'Share with my clinician' }).waitFor();
    await page.getByText('No clinician is linked.').waitFor();
    await page.getByRole('button', { name: 'Create a link code' }).click();
    const shown = page.getByTestId('link-code');
    await shown.waitFor();
    code = (await shown.innerText()).trim();
    assert.ok(code.length >= 8, `a code: ${code}`);
    assert.match(await page.getByTestId('link-code-box').innerText(), /Valid until .*\(7 days\) and for one use/);
    const wide = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
    assert.equal(wide, false, 'no sideways scrolling at 390 px');
  });

  step('a clinician signs up, lands on the dashboard and links with the code', async () => {
    const page = doctor.page;
    await page.goto(BASE_URL);
    await page.getByRole('button', { name: /Create an account/ }).click();
    await page.getByLabel('Email').fill(`e2e-clinic-doctor-${stamp}@example.org`);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByLabel('Your name (optional)').fill('Dr Lee');
    await page.getByLabel(/I am a clinician/).check();
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    await page.getByText('No one is linked yet.').waitFor();
    // On a phone the links fold under "Menu": counted whether shown or not.
    const nav = page.getByRole('navigation', { name: 'Main' });
    assert.equal(await nav.locator('a[href="#/today"]').count(), 0, 'no Today for a clinician');
    assert.equal(await nav.locator('a[href="#/share"]').count(), 0, 'no Share for a clinician');
    assert.equal(await nav.locator('a[href="#/clinician"]').count(), 1);
    // A person's writing pages are not a clinician's: back to the dashboard.
    await go(page, '/today');
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    assert.equal(await page.getByRole('button', { name: /Save check-in/ }).count(), 0);

    await page.getByLabel('Link code').fill('WRONG-CODE');
    await page.getByRole('button', { name: 'Link', exact: true }).click();
    await page.locator('[aria-invalid=true]').waitFor();
    assert.match(await page.locator('.field-error').first().innerText(), /not known|expired/i);
    await page.getByLabel('Link code').fill(code);
    await page.getByRole('button', { name: 'Link', exact: true }).click();
    await page.getByText(/^Linked with/).waitFor();
    await page.getByTestId('dashboard-row').first().waitFor();
  });

  step('the person checks in on the last day of the step and the plan holds', async () => {
    const answer = await personPost('/check-ins', { symptoms: { anxiety: 2, insomnia: 1 } });
    assert.equal(answer.review.decision?.kind, 'hold', JSON.stringify(answer.review));
    // The person's account never reaches the dashboard: not the page, not the API.
    const refused = await env.page.request.get(apiUrl('/clinician/dashboard'));
    assert.equal(refused.status(), 403);
    await go(env.page, '/clinician');
    await env.page.waitForFunction(() => location.hash === '#/today');
    assert.equal(await env.page.getByRole('heading', { name: 'Dashboard' }).count(), 0);
  });

  step('the dashboard shows the person, review waiting, as a card on a phone', async () => {
    const page = doctor.page;
    await go(page, '/clinician');
    await page.reload();
    const row = page.getByTestId('dashboard-row').first();
    await row.waitFor();
    const text = await row.innerText();
    assert.match(text, /Review waiting/);
    assert.match(text, /a hold or slow-down waiting for your review/i);
    assert.match(text, /Step \d+ of \d+/);
    assert.match(text, /clonazepam/);
    assert.match(text, /Not taken/, 'no PHQ-9 yet');
    assert.match(text, /\d+ of \d+ doses logged as taken/);
    assert.equal(await row.evaluate((r) => getComputedStyle(r).display), 'block', 'a card at 390 px');
    const wide = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
    assert.equal(wide, false, 'no sideways scrolling at 390 px');
    await screenshot(page, 'clinician dashboard phone');
    // At desktop width it is a table again.
    await page.setViewportSize({ width: 1280, height: 900 });
    assert.equal(await row.evaluate((r) => getComputedStyle(r).display), 'table-row', 'a table row at 1280 px');
    await screenshot(page, 'clinician dashboard desktop');
    await page.setViewportSize(PHONE.viewport);
  });

  step('the clinician opens the person, an edit above the rate cap is refused at the field, the hold is approved', async () => {
    const page = doctor.page;
    await page.getByTestId('dashboard-row').first().getByRole('link').click();
    const card = page.getByTestId('review-card');
    await card.waitFor();
    assert.match(await card.innerText(), /Hold proposed on/);
    await page.getByTestId('decision-history').waitFor();
    await page.getByTestId('questionnaire-history').or(page.getByText('No questionnaires taken yet.')).waitFor();
    // An edit that would cut faster than the rate cap, without an override: refused by the server.
    await card.getByRole('button', { name: 'Edit' }).click();
    await card.getByLabel(/Your reason/).fill('Faster, to test the rules');
    await card.getByLabel('Then cut by').fill('60%');
    await card.getByLabel('Every').fill('7d');
    await card.getByRole('button', { name: 'Save the change' }).click();
    await card.locator('[aria-invalid=true]').first().waitFor();
    const invalid = await card.locator('[aria-invalid=true]').first().getAttribute('name');
    assert.ok(['cut', 'every', 'max_cut'].includes(invalid ?? ''), `the message at a field: ${invalid}`);
    await screenshot(page, 'clinician edit refused phone');
    await card.getByRole('button', { name: 'Approve as proposed' }).click();
    await page.getByText(/^Saved\./).waitFor();
    await page.getByText('No hold or slow-down is waiting for your review.').waitFor();
    assert.match(await page.getByTestId('decision-history').innerText(), /Approved by the clinician/);
    // The person's own charts, for the clinician too.
    await page.locator('.charts .chart, .charts .uplot').first().waitFor();
  });

  step('the clinician downloads the visit report, a PDF', async () => {
    const page = doctor.page;
    const link = page.getByTestId('report-pdf');
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    const file = await download.path();
    const bytes = readFileSync(file);
    assert.equal(bytes.subarray(0, 5).toString('latin1'), '%PDF-', 'a PDF');
    const href = await link.getAttribute('href');
    const res = await page.request.get(new URL(href, BASE_URL).href);
    assert.equal(res.status(), 200);
    assert.match(res.headers()['content-type'], /application\/pdf/);
  });

  step('the clinician opens the pharmacy view from the person page, printable', async () => {
    const page = doctor.page;
    await page.getByTestId('clinician-pharmacy-link').click();
    await page.waitForURL(/#\/clinician\/people\/\d+\/pharmacy$/);
    await page.getByTestId('pharmacy').waitFor();
    assert.match(await page.getByTestId('pharmacy-draft').innerText(), /draft/i);
    await page.getByTestId('pharmacy-period-choice').selectOption('28');
    await page.waitForURL(/#\/clinician\/people\/\d+\/pharmacy\/28$/);
    await page.getByTestId('pharmacy-total').waitFor();
    await screenshot(page, 'clinician pharmacy phone');
    await page.getByRole('link', { name: 'Back to the person' }).click();
    await page.getByTestId('decision-history').waitFor();
  });

  step('the person sees the approval and who looked, then unlinks', async () => {
    const page = env.page;
    await go(page, '/share');
    await page.getByTestId('access-log').waitFor();
    const log = await page.getByTestId('access-log').innerText();
    assert.match(log, /Dr Lee .* looked at your row on their dashboard/);
    assert.match(log, /Dr Lee .* looked at the plan decisions/);
    assert.match(log, /Dr Lee .* approved plan decision \d+/);
    assert.match(log, /Dr Lee .* looked at your visit report/);
    assert.match(log, /Dr Lee .* looked at your pharmacy supply/);
    assert.match(await page.getByTestId('reviews').innerText(), /Hold\..*\n?.*Approved by the clinician/s);
    await screenshot(page, 'clinician share page phone');
    const linked = page.getByTestId('linked-clinician');
    assert.match(await linked.innerText(), /Dr Lee/);
    await linked.getByRole('button', { name: 'Unlink' }).click();
    await linked.getByRole('button', { name: 'Yes, unlink' }).click();
    await page.getByText('No clinician is linked.').waitFor();
    // The clinician no longer reaches the person.
    const gone = await doctor.page.request.get(apiUrl(`/people/${person.id}/today`));
    assert.equal(gone.status(), 404);
    await go(doctor.page, '/clinician');
    await doctor.page.reload();
    await doctor.page.getByText('No one is linked yet.').waitFor();
  });
});
