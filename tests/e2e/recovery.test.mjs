// After the last dose (issue 22, point 5). A journal whose plan ended months ago
// (fixtures/recovery_journal.json: last dose 2026-03-29, check-ins until 2026-05-10, a PHQ-9 of 11
// after stopping) is imported into a new account. Today counts days and weeks since the last
// dose, shows no step, no decision of the taper and no dose list, says plainly that the PHQ-9
// needs a clinician (never the drug), suggests the monthly check-ups and offers the lighter
// check-in (the symptoms that remain, the others as one question, sleep and mood), which saves.
// Progress sets recovery against the person's own baseline, draws the model's adaptation-remaining
// curve with its band and lists trends over the recovery days only. At phone size (390x844) and at
// desktop size.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { apiUrl, browserSteps, go, screenshot, signUpByApi } from './lib.mjs';

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 900 };
const LAST_DOSE = '2026-03-29';

let personId;
let csrf;

const { step } = browserSteps({
  context: { locale: 'en-GB' },
  prefix: 'recovery',
  setUp: async ({ page }) => {
    ({ personId, csrf } = await signUpByApi(page, {
      email: `e2e-recovery-${Date.now()}@example.org`,
      name: 'Recovery Person',
      country: 'GB',
    }));
    const journal = JSON.parse(await readFile(new URL('./fixtures/recovery_journal.json', import.meta.url), 'utf8'));
    const imported = await page.request.post(apiUrl(`/people/${personId}/import`), { data: journal, headers: { 'X-CSRF-Token': csrf } });
    assert.ok(imported.status() === 200 || imported.status() === 201, `import: ${imported.status()} ${await imported.text()}`);
  },
});

async function noSideways(page, width) {
  const scroll = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(scroll <= width + 1, `nothing wider than the screen (${scroll} > ${width})`);
}

async function checkToday(page, width) {
  await go(page, '/today');
  const lead = page.getByTestId('recovery-lead');
  await lead.waitFor();
  const text = await lead.textContent();
  const m = text.match(/(\d+) days \((\d+) weeks\) since your last dose on (\d{4}-\d\d-\d\d)\./);
  assert.equal(m?.[3], LAST_DOSE);
  assert.ok(m, `days and weeks since the last dose: ${text}`);
  assert.ok(Number(m[1]) > 60, 'months after the last dose');
  assert.equal(Number(m[2]), Math.floor(Number(m[1]) / 7));
  const main = (await page.locator('main').textContent()) ?? '';
  assert.doesNotMatch(main, /Step \d+ of \d+/, 'no step text after the last dose');
  assert.doesNotMatch(main, /Latest decision/, "the taper's last decision is not repeated");
  assert.equal(await page.getByRole('heading', { name: /^Doses/ }).count(), 0, 'no dose list when nothing is logged');
  // PHQ-9 11 after stopping: professional help, never the drug by itself.
  const concerns = page.getByTestId('recovery-concerns');
  await concerns.waitFor();
  const said = (await concerns.textContent()) ?? '';
  assert.match(said, /PHQ-9 since stopping is 11/);
  assert.match(said, /clinician who knows benzodiazepine withdrawal/);
  assert.match(said, /going back to the drug by itself is not the answer/);
  // Monthly check-ups: nothing since May, so both are due.
  const checkups = page.getByTestId('recovery-checkups');
  assert.ok(await checkups.getByRole('link', { name: /PHQ-9 \(mood\) and GAD-7 \(anxiety\)/ }).isVisible());
  assert.ok(await checkups.getByRole('link', { name: 'A memory and attention session' }).isVisible());
  // The lighter check-in: the symptoms that remain first, the others as one question.
  const form = page.getByTestId('recovery-checkin');
  await form.getByRole('heading', { name: 'Check-in after your last dose' }).waitFor();
  const asked = await form.locator('fieldset.rating[data-item]:visible legend').allTextContents();
  assert.equal(asked.length, 3, `three symptoms remain: ${asked.join(', ')}`);
  assert.ok(await form.getByRole('group', { name: /The other 19 symptoms/ }).isVisible());
  assert.equal(await form.getByLabel(/^Times you woke/).count(), 0, 'no full sleep diary or habits');
  await noSideways(page, width);
}

step('Today months after the last dose, at phone size', async (page) => {
  await checkToday(page, PHONE.width);
});

step('the lighter check-in saves the remaining symptoms, sleep and mood', async (page) => {
  const form = page.getByTestId('recovery-checkin');
  const groups = form.locator('fieldset.rating[data-item]:visible');
  await groups.nth(0).getByLabel('1 mild').check();
  await groups.nth(1).getByLabel('0 none').check();
  await groups.nth(2).getByLabel('0 none').check();
  await form.getByLabel('none of them today').check();
  await form.getByLabel(/^Sleep quality/).fill('7');
  await form.getByLabel(/^Mood today/).fill('6');
  await form.getByRole('button', { name: /Save check-in/ }).click();
  const review = page.getByTestId('review');
  await review.getByRole('heading', { name: 'Thank you. Your check-in is saved' }).waitFor();
  const text = (await review.textContent()) ?? '';
  assert.match(text, /22 of 22 answered/, `every item answered: ${text}`);
  assert.doesNotMatch(text, /No decision|No change to your plan/, 'no taper review after the last dose');
  const res = await page.request.get(apiUrl(`/people/${personId}/today`));
  const today = await res.json();
  assert.equal(today.phase, 'recovery');
  const stored = await page.request.get(apiUrl(`/people/${personId}/check-ins?from=${today.date}&to=${today.date}`));
  const [checkIn] = (await stored.json()).check_ins;
  assert.equal(Object.keys(checkIn.symptoms).length, 22);
  assert.equal(checkIn.mood, 6);
});

step('Progress sets recovery against the baseline with the model curve, at phone size', async (page) => {
  await go(page, '/progress');
  const section = page.getByTestId('recovery-progress');
  await section.getByRole('heading', { name: 'Since your last dose', exact: true }).waitFor();
  const table = section.getByTestId('recovery-baseline');
  const rows = await table.locator('tbody tr').allTextContents();
  assert.ok(rows.some((r) => /^PHQ-9.*4 \(.*\).*11 \(.*\)worse$/.test(r)), `PHQ-9 4 at baseline, 11 since: ${rows.join(' | ')}`);
  assert.ok(rows.some((r) => /^Digit span/i.test(r)), 'the memory test at baseline is listed');
  assert.match((await section.textContent()) ?? '', /from 4 weeks before your plan started to the end of its first 2 weeks/);
  // Insights over the recovery days only, labelled as such.
  const trends = section.getByTestId('recovery-trends');
  await trends.waitFor();
  const lines = await trends.locator('li').allTextContents();
  assert.match(lines[0], /^Symptom score \(0-100.*from 4\d values\.$/, `recovery days only: ${lines[0]}`);
  assert.match((await section.textContent()) ?? '', /Recovery days only \(30 Mar 2026 to /);
  const curve = section.getByRole('figure', { name: /adaptation still to unwind after the last dose/ });
  await curve.waitFor();
  assert.ok(await curve.locator('canvas').first().isVisible(), 'the curve is drawn');
  const legend = (await curve.textContent()) ?? '';
  assert.match(legend, /Expected \(median\)/);
  assert.match(legend, /80% band, upper/);
  assert.match(legend, /80% band, lower/);
  await noSideways(page, PHONE.width);
});

step('Today and Progress at desktop size', async (page) => {
  await page.setViewportSize(DESKTOP);
  await go(page, '/today');
  await page.getByTestId('recovery-lead').waitFor();
  // Checked in today: the form says a second save replaces it.
  await page.getByText(/already checked in today/).waitFor();
  await noSideways(page, DESKTOP.width);
  await screenshot(page, 'recovery today desktop');
  await go(page, '/progress');
  await page.getByTestId('recovery-progress').getByRole('figure', { name: /adaptation still to unwind/ }).waitFor();
  await noSideways(page, DESKTOP.width);
});
