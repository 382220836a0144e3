// The person's own clock in a real browser whose time zone is America/Los_Angeles (issue 22,
// point 4 and the dose defects of point 8), at desktop size and at phone size (390x844): sign-up
// picks the zone from the browser; settings show and change it; confirming a dose records when it
// was confirmed (the server's clock, in Los Angeles) rather than its planned time; the evening dose
// confirmed in the morning asks first; a different amount and an extra dose are logged from the
// list; keyboard focus stays in the list after "Taken"; deleting the account says so plainly.
//
// The server runs on its real clock, so "today" here is the real date in Los Angeles. The
// browser's clock is pinned to 06:18 on that date (page.clock) so that the early-confirm question
// is asked whatever the hour the test runs at; the server's record is compared with the real time.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE_URL, go, launch, screenshot } from './lib.mjs';

const ZONE = 'America/Los_Angeles';

// `date` on the wall clock of Los Angeles: { date: 'YYYY-MM-DD', minutes, text: 'HH:MM' }.
function laClock(date) {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  }).formatToParts(date);
  const part = (type) => parts.find((p) => p.type === type).value;
  return { date: `${part('year')}-${part('month')}-${part('day')}`, minutes: Number(part('hour')) * 60 + Number(part('minute')), text: `${part('hour')}:${part('minute')}` };
}

// The instant when Los Angeles' clock shows `hhmm` on `date` (-8 h in winter, -7 h in summer).
function laInstant(date, hhmm) {
  for (const offset of ['-08:00', '-07:00']) {
    const instant = new Date(`${date}T${hhmm}:00${offset}`);
    const seen = laClock(instant);
    if (seen.date === date && seen.text === hhmm) return instant;
  }
  throw new Error(`no ${hhmm} on ${date} in ${ZONE}`);
}

let browser;
let launched;

before(async () => {
  launched = await launch();
  browser = launched.browser;
});

after(async () => {
  await browser?.close();
});

async function api(page, method, path, body) {
  const session = await (await page.request.get(new URL('api/v1/auth/session', BASE_URL).href)).json();
  const url = new URL(`api/v1/people/${session.person_id}${path}`, BASE_URL).href;
  const response = await page.request.fetch(url, {
    method,
    headers: { 'X-CSRF-Token': session.csrf_token, 'Content-Type': 'application/json' },
    data: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status(), body: response.status() === 204 ? null : await response.json() };
}

// Where keyboard focus is: inside the dose list (and which control), or lost to <body>.
function focusInfo(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    return {
      tag: el?.tagName ?? null,
      label: el?.getAttribute('aria-label') ?? el?.textContent ?? '',
      inDoses: Boolean(el?.closest('[data-testid=doses]')),
      inExtras: Boolean(el?.closest('[data-testid=extra-doses]')),
    };
  });
}

function journey(size, viewport) {
  let context;
  let page;
  const problems = [];
  const email = `clock-${size}-${Date.now()}@example.org`;
  let today; // the real date in Los Angeles: the server's "today" for this person

  function step(name, fn) {
    test(`${size}: ${name}`, { timeout: 60_000 }, async () => {
      try {
        await fn();
        assert.deepEqual(problems, [], 'no page errors or CSP violations');
      } finally {
        await screenshot(page, `clock ${size} ${name}`);
      }
    });
  }

  step('sign-up picks the time zone from the browser', async () => {
    context = await browser.newContext({ viewport, deviceScaleFactor: 1, timezoneId: ZONE });
    context.setDefaultTimeout(15_000);
    page = await context.newPage();
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error' && /Content Security Policy|Refused to|Uncaught/i.test(m.text())) problems.push(`console: ${m.text()}`);
    });
    await page.goto(BASE_URL);
    await page.getByRole('button', { name: /Create an account/ }).click();
    await page.getByText(`Your time zone: ${ZONE}`).waitFor();
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill('a long enough passphrase');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByText('Step 1 of 5').waitFor();
    const person = await api(page, 'GET', '');
    assert.equal(person.body.time_zone, ZONE);
    today = laClock(new Date()).date;
    assert.equal(person.body.created_on, today, 'the account starts on the Los Angeles date');
  });

  step('settings show and change the time zone', async () => {
    await go(page, '/settings');
    const form = page.getByTestId('time-zone-form');
    await form.getByText(`Your days follow ${ZONE}.`).waitFor();
    const input = page.getByLabel('Time zone', { exact: true });
    assert.equal(await input.inputValue(), ZONE);
    await input.fill('Mars/Olympus_Mons');
    await form.getByRole('button', { name: 'Save time zone' }).click();
    await form.getByText(/not a known time zone/).waitFor();
    assert.equal((await api(page, 'GET', '')).body.time_zone, ZONE, 'nothing saved');
    await input.fill('Europe/London');
    await form.getByRole('button', { name: 'Save time zone' }).click();
    await form.getByText('Time zone saved: Europe/London.').waitFor();
    assert.equal((await api(page, 'GET', '')).body.time_zone, 'Europe/London');
    // Back to this device's zone with one button.
    await form.getByRole('button', { name: `Use this device's (${ZONE})` }).click();
    await form.getByRole('button', { name: 'Save time zone' }).click();
    await form.getByText(`Time zone saved: ${ZONE}.`).waitFor();
    await form.getByText(`Your days follow ${ZONE}.`).waitFor();
    assert.equal((await api(page, 'GET', '')).body.time_zone, ZONE);
    await form.scrollIntoViewIfNeeded();
    await screenshot(page, `clock ${size} time zone in settings`, false);
  });

  step('Taken records the time of confirmation and keeps the focus in the list', async () => {
    const regimen = await api(page, 'POST', '/regimen', { regimen: 'clonazepam 0.5mg@08:00, 0.5mg@12:00, 0.5mg@20:00' });
    assert.equal(regimen.status, 201, JSON.stringify(regimen.body));
    // The browser's clock reads 06:18 in Los Angeles on the server's date.
    await page.clock.setFixedTime(laInstant(today, '06:18'));
    await go(page, '/today');
    await page.getByRole('heading', { name: 'Doses today' }).waitFor();
    assert.match(await page.locator('.lead').first().innerText(), new RegExp(`^${today}`));
    assert.equal(await page.locator('[data-testid=doses] > li').count(), 3);

    // By keyboard: focus "Taken" for 08:00 (1 h 42 min ahead of 06:18: no question) and press Enter.
    const take8 = page.getByRole('button', { name: /Confirm 08:00 dose taken/ });
    await take8.focus();
    const before = laClock(new Date());
    await page.keyboard.press('Enter');
    await page.getByText('08:00 dose recorded.').waitFor();
    const afterClock = laClock(new Date());
    const focus = await focusInfo(page);
    assert.ok(focus.inDoses, `focus stays in the dose list, not on ${focus.tag}`);
    assert.match(focus.label, /Confirm 12:00 dose taken/, 'on the next dose to confirm');

    const doses = (await api(page, 'GET', `/doses?from=${today}&to=${today}`)).body.doses;
    assert.equal(doses.length, 1);
    const logged = doses[0];
    assert.equal(logged.planned_time, '08:00');
    // Stored at the real time of confirmation on the Los Angeles clock, not at the planned 08:00.
    assert.ok([before.text, afterClock.text].includes(logged.time), `taken at ${logged.time}, confirmed between ${before.text} and ${afterClock.text}`);
    assert.match(logged.confirmed_at, new RegExp(`^${today}T${logged.time}:\\d\\d-0[78]:00$`));
    assert.match(logged.recorded_at, /Z$/);
    await page.locator('[data-testid=doses] > li').first().getByText(`Taken at ${logged.time}.`).waitFor();
  });

  step('a different amount is logged from the list', async () => {
    await page.getByRole('button', { name: 'Record a different amount for the 12:00 dose' }).click();
    const amount = page.getByLabel('Amount of clonazepam taken for the 12:00 dose (mg)');
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('name')), 'dose_mg', 'focus on the amount');
    await amount.fill('');
    await page.getByRole('button', { name: 'Save amount' }).click();
    await page.getByText('Enter the amount you took, in mg, e.g. 0.25.').waitFor();
    // An amount the server refuses (the planned one, as "different"): the 422 names dose_mg and
    // the form marks the amount field, says why next to it and puts the focus on it.
    await amount.fill('0.5');
    await page.getByRole('button', { name: 'Save amount' }).click();
    await page.getByText('That is the planned amount; log it as taken.').waitFor();
    assert.equal(await amount.getAttribute('aria-invalid'), 'true', 'the amount is marked');
    const described = (await amount.getAttribute('aria-describedby')) ?? '';
    const errorId = described.split(' ').find((id) => id.endsWith('-error'));
    assert.equal(await page.locator(`[id="${errorId}"]`).innerText(), 'That is the planned amount; log it as taken.');
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('name')), 'dose_mg', 'focus on the amount');
    await amount.fill('0.25');
    await page.getByRole('button', { name: 'Save amount' }).click();
    await page.getByText('12:00 dose recorded.').waitFor();
    await page.locator('[data-testid=doses] > li').nth(1).getByText(/^Taken, a different amount \(0\.25 mg\) at \d\d:\d\d\.$/).waitFor();
    const focus = await focusInfo(page);
    assert.ok(focus.inDoses);
    assert.match(focus.label, /Confirm 20:00 dose taken/);
    const entry = (await api(page, 'GET', `/doses?from=${today}&to=${today}`)).body.doses.find((d) => d.planned_time === '12:00');
    assert.equal(entry.status, 'different');
    assert.equal(entry.dose_mg, 0.25);
    assert.equal(entry.planned_dose_mg, 0.5);
  });

  step('the evening dose confirmed in the morning asks first', async () => {
    const take20 = page.getByRole('button', { name: /Confirm 20:00 dose taken/ });
    await take20.click();
    const question = page.getByRole('group', { name: 'It is 06:18; this dose is planned for 20:00. Taken already?' });
    await question.waitFor();
    await screenshot(page, `clock ${size} early question`, false);
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Yes, taken', 'focus on the answer');
    await question.getByRole('button', { name: 'Not yet' }).click();
    await page.getByText('Nothing recorded.').waitFor();
    assert.ok(await question.isHidden());
    assert.match((await focusInfo(page)).label, /Confirm 20:00 dose taken/, 'focus back on Taken');
    let doses = (await api(page, 'GET', `/doses?from=${today}&to=${today}`)).body.doses;
    assert.equal(doses.filter((d) => d.planned_time === '20:00').length, 0, 'nothing logged for 20:00');

    await take20.click();
    await question.getByRole('button', { name: 'Yes, taken' }).click();
    await page.getByText('20:00 dose recorded.').waitFor();
    doses = (await api(page, 'GET', `/doses?from=${today}&to=${today}`)).body.doses;
    const evening = doses.find((d) => d.planned_time === '20:00');
    assert.equal(evening.status, 'taken');
    assert.notEqual(evening.confirmed_at, '');
    // Nothing left to confirm: the focus is on what was recorded, still in the list.
    const focus = await focusInfo(page);
    assert.ok(focus.inDoses, `focus stays in the dose list, not on ${focus.tag}`);
    assert.match(focus.label, /^Taken at \d\d:\d\d\.$/);
    assert.equal(await page.locator('[data-testid=doses] > li.done').count(), 3);
  });

  step('an extra dose is logged', async () => {
    await page.getByRole('button', { name: 'Log an extra dose' }).click();
    await page.getByLabel('Amount taken (mg)').fill('0.125');
    await page.getByRole('button', { name: 'Save extra dose' }).click();
    await page.getByText('Extra dose recorded.').waitFor();
    await screenshot(page, `clock ${size} doses logged`, false);
    const item = page.getByTestId('extra-doses').locator('li');
    assert.match(await item.innerText(), /^Extra dose: clonazepam 0\.125 mg at \d\d:\d\d\.$/);
    assert.ok((await focusInfo(page)).inExtras, 'focus on the recorded extra dose');
    const extra = (await api(page, 'GET', `/doses?from=${today}&to=${today}`)).body.doses.find((d) => d.status === 'extra');
    assert.equal(extra.dose_mg, 0.125);
    assert.equal(extra.planned_time, null);
    // Shown again after a reload, from today's answer.
    await page.reload();
    await page.getByTestId('extra-doses').getByText(/Extra dose: clonazepam 0\.125 mg/).waitFor();
  });

  step('deleting the account confirms it and signs out', async () => {
    await go(page, '/settings');
    await page.getByLabel(/To confirm, type/).fill('delete my data');
    await page.getByRole('button', { name: 'Delete all my data' }).click();
    const heading = page.getByRole('heading', { name: 'Your data has been deleted' });
    await heading.waitFor();
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Your data has been deleted', 'focus on the message');
    await page.getByText('You have been signed out.', { exact: false }).waitFor();
    await screenshot(page, `clock ${size} account deleted`, false);
    assert.equal(await page.getByRole('navigation', { name: 'Main' }).count(), 0, 'no signed-in navigation');
    const session = await page.request.get(new URL('api/v1/auth/session', BASE_URL).href);
    assert.equal(session.status(), 401);
    await page.getByRole('link', { name: 'Go to sign in' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await context.close();
  });
}

journey('desktop', { width: 1280, height: 800 });
journey('phone', { width: 390, height: 844 });

// launch() opens a page of its own; this file uses its own contexts.
test('no stray page errors', () => assert.deepEqual(launched.problems, []));
