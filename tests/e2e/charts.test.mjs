// Charts that explain themselves (issue 22, point 6) and the header on one row at 390 px (point 8).
// Someone on alprazolam 1 mg three times a day (3 mg a day, 60 mg diazepam-equivalent) sees the
// preview's dose in mg of alprazolam (2.7 after the first cut, not 54); with check-ins (one day
// only partly answered), PHQ-9 and GAD-7 twice and two choice reaction sessions (479 then 389 ms)
// logged through the API, Progress shows units on every axis, dates in the browser's locale
// (en-GB here), each questionnaire on its own chart with its severity bands, test names in the
// legends, reaction times in ms with "lower is better", and a table view under every chart. At
// phone size (390x844) and at desktop size.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { apiUrl, BASE_URL, browserSteps, go, screenshot, SCREENSHOTS, signUpByApi } from './lib.mjs';

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 900 };
// "7 Dec 2026": the en-GB form of a date (the US form would be "Dec 7, 2026").
const GB_DATE = /^\d{1,2} [A-Z][a-z]{2} \d{4}$/;

let personId;
let csrf;
let today; // the server's today: the plan starts on it

// The person's locale: dates on the charts follow navigator.language.
const { env, step } = browserSteps({
  context: { locale: 'en-GB' },
  prefix: 'charts',
  setUp: async ({ page }) => {
    ({ personId, csrf } = await signUpByApi(page, {
      email: `e2e-charts-${Date.now()}@example.org`,
      name: 'Charts Person',
      country: 'US',
    }));
  },
});

async function apiPost(rest, data) {
  const res = await env.page.request.post(apiUrl(`/people/${personId}${rest}`), { data, headers: { 'X-CSRF-Token': csrf } });
  assert.ok(res.status() === 201 || res.status() === 200, `POST ${rest}: ${res.status()} ${await res.text()}`);
  return res.json();
}

function daysBefore(iso, n) {
  const d = new Date(`${iso}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() - n);
  return d.toISOString().slice(0, 10);
}

// The figure of a chart by its title, and the texts of its table view (opened).
function figure(p, title) {
  return p.locator(`figure[data-testid=chart][aria-label^="${title} ("]`);
}

async function tableOf(fig) {
  const details = fig.locator('details[data-testid=chart-table]');
  await details.locator('summary').click();
  const table = details.locator('table');
  await table.waitFor();
  const headers = await table.locator('thead th').allInnerTexts();
  const rows = await table.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent.trim())));
  return { caption: await table.locator('caption').innerText(), headers, rows };
}

async function elementShot(locator, name) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await locator.screenshot({ path: path.join(SCREENSHOTS, `charts-${name}.png`) }).catch(() => {});
}

async function legendLabels(fig) {
  return fig.locator('.u-legend .u-series .u-label').allInnerTexts();
}

// The header is one row: the name, Help now and (on a phone) Menu share a line, and the header is
// no taller than one row of 44 px targets.
async function assertHeaderOneRow(p, { phone }) {
  const header = p.locator('#site-header');
  const box = await header.boundingBox();
  assert.ok(box.height <= 64, `the header is ${box.height} px tall`);
  const items = [p.locator('#site-header .brand'), p.getByRole('button', { name: 'Help now' })];
  if (phone) items.push(p.getByRole('button', { name: 'Menu' }));
  else items.push(p.getByRole('link', { name: 'Progress' }), p.getByRole('button', { name: 'Sign out', exact: true }));
  const boxes = [];
  for (const item of items) {
    assert.ok(await item.isVisible(), 'a header item is visible');
    boxes.push(await item.boundingBox());
  }
  for (const b of boxes) {
    assert.ok(b.y >= box.y - 1 && b.y + b.height <= box.y + box.height + 1, `an item at ${b.y}-${b.y + b.height} px is inside the ${box.y}-${box.y + box.height} px header`);
    assert.ok(b.x + b.width <= p.viewportSize().width, 'an item is inside the screen');
  }
  const scroll = await p.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(scroll <= p.viewportSize().width, `the page is ${scroll} px wide`);
}

step('the preview shows mg of alprazolam, not diazepam-equivalent mg', async (p) => {
  await p.goto(BASE_URL);
  await go(p, '/plan/new');
  await p.getByText('Step 1 of 5').waitFor();
  await p.getByLabel('Medicine', { exact: true }).selectOption('alprazolam');
  while ((await p.locator('.dose-row').count()) < 3) await p.getByRole('button', { name: 'Add another dose' }).click();
  for (const [i, time] of ['08:00', '14:00', '20:00'].entries()) {
    await p.getByLabel(`Dose ${i + 1} (mg)`).fill('1');
    await p.getByLabel(`Time of dose ${i + 1}`).fill(time);
  }
  assert.equal(await p.getByLabel('Country of your pharmacy').inputValue(), 'US');
  await p.getByRole('button', { name: 'Next' }).click();
  await p.getByText('Step 2 of 5').waitFor();
  await p.getByRole('button', { name: 'Next' }).click();
  await p.getByText('Step 3 of 5').waitFor();
  await p.getByLabel('A share of the current dose').check();
  await p.getByLabel(/Cut each time/).fill('10');
  await p.getByLabel('Every (days)').fill('14');
  await p.getByRole('button', { name: 'Next' }).click();
  await p.getByText('Step 4 of 5').waitFor();
  await p.getByText(/Plan ready: \d+ steps/).waitFor({ timeout: 30_000 });

  const dose = figure(p, 'Daily dose of alprazolam');
  await dose.locator('canvas').waitFor();
  assert.equal(await dose.getAttribute('aria-label'), 'Daily dose of alprazolam (mg of alprazolam a day)');
  const labels = await p.locator('.preview figure[data-testid=chart]').evaluateAll((fs) => fs.map((f) => f.getAttribute('aria-label')));
  assert.ok(labels.every((l) => !/diazepam/.test(l)), `no diazepam-equivalent chart for one drug: ${labels.join(' | ')}`);
  assert.ok(labels.every((l) => /\(.+\)$/.test(l)), 'every chart names its unit');
  const t = await tableOf(dose);
  assert.deepEqual(t.headers, ['Date', 'This plan (mg of alprazolam a day)', 'Abrupt stop (mg of alprazolam a day)']);
  assert.match(t.rows[0][0], GB_DATE, `a date, not a day number: ${t.rows[0][0]}`);
  assert.equal(t.rows[0][1], '2.7', 'the first cut from 3 mg is 2.7 mg of alprazolam, not 54');
  assert.ok(!t.rows.some((r) => r[1] === '54'), 'no 54 in mg of alprazolam');
  // The time axis tick labels are on the canvas; the legend names the date under the cursor.
  const canvas = dose.locator('canvas').first();
  const cb = await canvas.boundingBox();
  await p.mouse.move(cb.x + cb.width * 0.3, cb.y + cb.height / 2);
  const xValue = await dose.locator('.u-legend .u-series').first().locator('.u-value').innerText();
  assert.match(xValue, GB_DATE, `the legend shows a date: ${xValue}`);
  await dose.locator('details[data-testid=chart-table] summary').click(); // closed again
  await elementShot(p.locator('.preview .charts'), 'phone-preview');

  // Switching to diazepam mixes two drugs: each gets its own chart in its own mg, and only then
  // the total in diazepam-equivalent mg gets one too.
  await p.getByRole('button', { name: 'Back' }).click();
  await p.getByText('Step 3 of 5').waitFor();
  await p.getByLabel('Switch to diazepam first').check();
  await p.getByRole('button', { name: 'Next' }).click();
  await p.getByText('Step 4 of 5').waitFor();
  await figure(p, 'Daily dose of diazepam').locator('canvas').waitFor({ timeout: 30_000 });
  const mixed = await p.locator('.preview figure[data-testid=chart]').evaluateAll((fs) => fs.map((f) => f.getAttribute('aria-label')));
  assert.deepEqual(mixed.slice(0, 3), [
    'Daily dose of alprazolam (mg of alprazolam a day)',
    'Daily dose of diazepam (mg of diazepam a day)',
    'Total daily dose of the drugs together, as diazepam equivalent (diazepam-eq. mg a day)',
  ]);
  const total = await tableOf(figure(p, 'Total daily dose of the drugs together, as diazepam equivalent'));
  assert.deepEqual(total.headers, ['Date', 'This plan (diazepam-equivalent mg a day)', 'Abrupt stop (diazepam-equivalent mg a day)']);
  await p.getByRole('button', { name: 'Back' }).click();
  await p.getByText('Step 3 of 5').waitFor();
  await p.getByLabel('A share of the current dose').check();
  await p.getByRole('button', { name: 'Next' }).click();
  await p.getByText('Step 4 of 5').waitFor();
  await figure(p, 'Daily dose of alprazolam').locator('canvas').waitFor({ timeout: 30_000 });

  await p.getByRole('button', { name: 'Next' }).click();
  await p.getByText('Step 5 of 5').waitFor();
  for (const box of await p.getByLabel('I have read this and will discuss it with my prescriber').all()) await box.check();
  await p.getByRole('button', { name: 'Save this plan' }).click();
  await p.getByRole('heading', { name: /Plan version 1, from/ }).waitFor();
});

step('check-ins, questionnaires and reaction times logged through the API', async (p) => {
  const versions = await (await p.request.get(new URL(`api/v1/people/${personId}/plans`, BASE_URL).href)).json();
  today = versions.versions[0].effective_from;
  const d20 = daysBefore(today, 20);
  const d19 = daysBefore(today, 19);
  const d5 = daysBefore(today, 5);
  // A symptom score counts only with at least half the checklist answered (missing is not zero):
  // these two days answer every item, the rest rated 0 (none).
  const ITEMS = ['anxiety', 'panic', 'irritability', 'low-mood', 'insomnia', 'nightmares', 'fatigue', 'poor-concentration',
    'memory-problems', 'muscle-tension', 'tremor', 'twitching', 'sweating', 'palpitations', 'headache', 'dizziness',
    'nausea', 'tinnitus', 'light-sound-sensitivity', 'numbness-tingling', 'depersonalisation', 'restlessness'];
  const allAnswered = (rated) => Object.fromEntries(ITEMS.map((id) => [id, rated[id] ?? 0]));
  await apiPost('/check-ins', { date: d20, symptoms: allAnswered({ anxiety: 2, insomnia: 1 }), sleep: { quality: 5 }, mood: 4 });
  // Mood only: sleep and symptoms are not answered, and must show as such.
  await apiPost('/check-ins', { date: d19, mood: 6 });
  await apiPost('/check-ins', { date: d5, symptoms: allAnswered({ anxiety: 1 }), sleep: { quality: 7 }, mood: 7 });
  // PHQ-9 12 (moderate) then 6 (mild); GAD-7 11 (moderate) then 7 (mild). Item 9 always 0.
  await apiPost('/questionnaires/phq9', { date: d20, answers: [2, 2, 2, 2, 2, 1, 1, 0, 0] });
  await apiPost('/questionnaires/phq9', { date: today, answers: [1, 1, 1, 1, 1, 1, 0, 0, 0] });
  await apiPost('/questionnaires/gad7', { date: d20, answers: [2, 2, 2, 2, 1, 1, 1] });
  await apiPost('/questionnaires/gad7', { date: today, answers: [1, 1, 1, 1, 1, 1, 1] });
  const device = 'Linux computer, screen 1280x900 @1x';
  const rt = (ms) => ({ score: Math.log10(ms), mean_log10_rt: Math.log10(ms), mean_rt_ms: ms, trials: 30, correct: 30, errors: 0, anticipations: 0 });
  await apiPost('/cognitive-sessions', { date: d20, test_id: 'choice-rt', device, browser: 'Chromium', result: rt(479) });
  await apiPost('/cognitive-sessions', { date: today, test_id: 'choice-rt', device, browser: 'Chromium', result: rt(389) });
});

async function checkProgress(p) {
  await go(p, '/progress');
  await p.locator('figure[data-testid=chart] canvas').first().waitFor();
  await p.getByRole('heading', { name: 'Plan versions' }).waitFor();
  const labels = await p.locator('figure[data-testid=chart]').evaluateAll((fs) => fs.map((f) => f.getAttribute('aria-label')));
  for (const expected of [
    'Daily dose of alprazolam (mg of alprazolam a day)',
    'Symptom score (% of the maximum; lower is better)',
    'Sleep quality and mood (0 to 10; higher is better)',
    'PHQ-9 total score (points of 27; lower is better)',
    'GAD-7 total score (points of 21; lower is better)',
    'Reaction times (ms; lower is better)',
  ]) {
    assert.ok(labels.includes(expected), `a chart "${expected}" among: ${labels.join(' | ')}`);
  }
  assert.ok(!labels.some((l) => /diazepam/.test(l)), 'one drug: no diazepam-equivalent chart');

  // Each questionnaire on its own chart, with the registry's bands.
  assert.equal(await figure(p, 'PHQ-9 total score').getAttribute('data-bands'), '0,5,10,15,20');
  assert.equal(await figure(p, 'GAD-7 total score').getAttribute('data-bands'), '0,5,10,15');
  assert.deepEqual(await legendLabels(figure(p, 'PHQ-9 total score')), ['Date', 'PHQ-9']);
  const phq = await tableOf(figure(p, 'PHQ-9 total score'));
  assert.deepEqual(phq.headers, ['Date', 'PHQ-9 (points)', 'Severity']);
  assert.deepEqual(phq.rows.map((r) => r.slice(1)), [
    ['12', 'moderate'],
    ['6', 'mild'],
  ]);
  for (const r of phq.rows) assert.match(r[0], GB_DATE);

  // Reaction times in ms, by name, 479 then 389: lower is better, and the axis says so.
  const rtFig = figure(p, 'Reaction times');
  const legend = await legendLabels(rtFig);
  assert.deepEqual(legend, ['Date', 'Choice reaction time']);
  const rt = await tableOf(rtFig);
  assert.deepEqual(rt.headers, ['Date', 'Choice reaction time (ms)']);
  assert.deepEqual(rt.rows.map((r) => r[1]), ['479', '389']);
  assert.match(rt.caption, /ms; lower is better/);
  assert.equal(await rtFig.locator('figcaption').innerText(), 'Reaction times (lower is better)');

  // A day answered in part: the rest is "not answered", never 0.
  const sleep = await tableOf(figure(p, 'Sleep quality and mood'));
  assert.deepEqual(sleep.headers, ['Date', 'Sleep quality (0 to 10)', 'Mood (0 to 10)']);
  assert.deepEqual(sleep.rows.map((r) => r.slice(1)), [
    ['5', '4'],
    ['not answered', '6'],
    ['7', '7'],
  ]);
  // Every chart has its table view.
  assert.equal(await p.locator('figure[data-testid=chart] details[data-testid=chart-table]').count(), labels.length);
  // No raw ids anywhere in the legends.
  const allLegends = await p.locator('.u-legend .u-series .u-label').allInnerTexts();
  assert.ok(!allLegends.some((l) => /choice-rt|^phq9$|^gad7$/.test(l)), `legends: ${allLegends.join(', ')}`);
}

step('progress at phone size: units, dates, bands, names, table views; header on one row', async (p) => {
  await p.setViewportSize(PHONE);
  await checkProgress(p);
  const opened = p.locator('section.charts details[open] summary');
  while ((await opened.count()) > 0) await opened.first().click();
  await elementShot(p.locator('section.charts'), 'phone-progress');
  await p.evaluate(() => window.scrollTo(0, 0));
  await assertHeaderOneRow(p, { phone: true });
  // The page links are behind Menu, inside the Main navigation; it opens and closes (Escape too).
  const nav = p.getByRole('navigation', { name: 'Main' });
  const links = p.locator('#site-nav-list');
  assert.ok(await nav.isVisible(), 'the navigation is there, as its Menu button');
  assert.equal(await links.isVisible(), false, 'the links are folded');
  const menu = nav.getByRole('button', { name: 'Menu' });
  await menu.click();
  assert.equal(await menu.getAttribute('aria-expanded'), 'true');
  await p.getByRole('link', { name: 'Memory & attention' }).waitFor();
  // Open, the links lie over the page below the row: the header itself stays one row.
  assert.ok((await p.locator('#site-header').boundingBox()).height <= 64, 'the header stays one row with the menu open');
  await screenshot(p, 'charts phone menu open', false);
  await p.getByRole('link', { name: 'Today' }).focus();
  await p.keyboard.press('Escape');
  assert.equal(await menu.getAttribute('aria-expanded'), 'false');
  assert.ok(await menu.evaluate((b) => b === document.activeElement), 'focus back on Menu');
  assert.equal(await links.isVisible(), false);
  await menu.click();
  await p.getByRole('link', { name: 'Memory & attention' }).click();
  await p.getByRole('heading', { name: 'Memory and attention', level: 1 }).waitFor();
  assert.equal(await links.isVisible(), false, 'the menu closes on navigating');
});

step('memory and attention: the reaction time in ms, lower is better', async (p) => {
  await go(p, '/tests');
  const hint = p.locator('li', { has: p.getByRole('link', { name: /Choice reaction time/ }) }).locator('.hint');
  assert.match(await hint.innerText(), /389 ms \(lower is better\)/);
  assert.doesNotMatch(await hint.innerText(), /2\.5\d/);
  await go(p, '/tests/choice-rt');
  const history = p.locator('table.history');
  await history.waitFor();
  assert.match(await history.locator('thead').innerText(), /average reaction time; lower is better/);
  assert.deepEqual(await history.locator('tbody tr td:nth-child(2)').allInnerTexts(), ['389 ms', '479 ms']);
});

step('progress at desktop size: the same charts, the header on one row', async (p) => {
  await p.setViewportSize(DESKTOP);
  await checkProgress(p);
  await p.evaluate(() => window.scrollTo(0, 0));
  assert.equal(await p.getByRole('button', { name: 'Menu' }).isVisible(), false, 'no Menu button on a wide screen');
  assert.ok(await p.locator('#site-nav-list').isVisible(), 'the links are in the row');
  await assertHeaderOneRow(p, { phone: false });
  await screenshot(p, 'charts desktop progress');
});

// The issue saw "Your score: 2.771" after this test: the result is a reaction time in ms.
step('choice reaction time: the result in ms, lower is better', async (p) => {
  await go(p, '/tests/choice-rt');
  await p.getByRole('button', { name: 'Start' }).click();
  const display = p.locator('.choice-display[data-target]');
  for (let i = 0; i < 30; i += 1) {
    await display.waitFor({ timeout: 10_000 });
    const target = await display.getAttribute('data-target');
    // A human pace: a press within 100 ms of the arrow counts as a guess and is left out.
    await p.waitForTimeout(250);
    await p.keyboard.press(target);
    await display.waitFor({ state: 'detached', timeout: 10_000 });
  }
  const heading = p.locator('[data-testid=test-result] h2');
  await heading.waitFor({ timeout: 15_000 });
  const text = await heading.innerText();
  assert.match(text, /^Your score: \d{3,4} ms \(average reaction time; lower is better\)$/);
  const ms = Number(/(\d+) ms/.exec(text)[1]);
  assert.ok(ms >= 250 && ms < 1500, `a reaction time of ${ms} ms`);
}, 150_000);
