// Missing is not zero: a person checks in skipping most of the checklist (with the mouse and with
// the keyboard), sees "n of 22 answered" and that the score is not used for the plan, the journal
// holds only what was answered, and the progress chart leaves a gap for the days without a score
// instead of a line through 0. At phone size (390 px) and at desktop size.
import assert from 'node:assert/strict';
import { go, screenshot, browserSteps, apiUrl, plusDays, signUpInBrowser } from './lib.mjs';

const { step } = browserSteps({ timeout: 60_000 });
const email = `e2e-missing-${Date.now()}@example.org`;
let person; // { id, csrf, today }
const ITEMS = 22;


async function postCheckIn(page, body) {
  const res = await page.request.post(apiUrl(`/people/${person.id}/check-ins`), {
    data: body,
    headers: { 'X-CSRF-Token': person.csrf },
  });
  assert.equal(res.status(), 201, await res.text());
  return res.json();
}

async function storedCheckIn(page, date) {
  const res = await page.request.get(apiUrl(`/people/${person.id}/check-ins?from=${date}&to=${date}`));
  assert.equal(res.status(), 200);
  const doc = await res.json();
  assert.equal(doc.check_ins.length, 1);
  return doc.check_ins[0];
}

// Every rating group on the form must fit the screen: no sideways scrolling to reach "4".
async function assertRatingsFit(page) {
  const width = page.viewportSize().width;
  const rights = await page.locator('fieldset.rating .rating-option').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().right));
  assert.equal(rights.length, ITEMS * 6, 'six choices per symptom: not answered and 0..4');
  for (const right of rights) assert.ok(right <= width, `a rating choice ends at ${right} px, past the ${width} px screen`);
}

step('sign up', async (page) => {
  person = await signUpInBrowser(page, email);
  assert.match(person.today, /^\d{4}-\d{2}-\d{2}$/);
});

// Days before today, through the API the form uses: a full day, a day without a check-in, a day
// with three answers (null for one more: not answered), and a full day again.
step('earlier days through the API', async (page) => {
  const registry = await (await page.request.get(apiUrl('/instruments'))).json();
  const checklist = registry.instruments.find((i) => i.id === 'symptom-checklist');
  const ids = checklist.items.map((i) => i.id);
  assert.equal(ids.length, ITEMS);
  const all = (rating) => Object.fromEntries(ids.map((id) => [id, rating]));
  const full = await postCheckIn(page, { date: plusDays(person.today, -4), symptoms: all(1), mood: 6 });
  assert.deepEqual(
    { sum: full.score.sum, max: full.score.max, answered: full.score.answered, items: full.score.items, counts: full.score.counts },
    { sum: 22, max: 88, answered: 22, items: 22, counts: true },
  );
  const sparse = await postCheckIn(page, { date: plusDays(person.today, -2), symptoms: { anxiety: 0, panic: 0, tremor: 0, headache: null } });
  assert.equal(sparse.score.answered, 3);
  assert.equal(sparse.score.max, 12);
  assert.equal(sparse.score.counts, false, 'three answers do not stand for the day');
  assert.deepEqual((await storedCheckIn(page, plusDays(person.today, -2))).symptoms, { anxiety: 0, panic: 0, tremor: 0 });
  await postCheckIn(page, { date: plusDays(person.today, -1), symptoms: all(2), mood: 5 });
});

step('check in skipping most symptoms, at phone size', async (page) => {
  await go(page, '/today');
  await page.getByRole('heading', { name: 'Daily check-in' }).waitFor();
  await assertRatingsFit(page);
  const group = (name) => page.getByRole('group', { name, exact: true });
  // Untouched, every symptom is "not answered", not "none".
  assert.ok(await group('Anxiety').getByLabel('not answered').isChecked());
  assert.equal(await group('Anxiety').getByLabel('0 none').isChecked(), false);
  await page.getByText('0 of 22 answered').waitFor();

  await group('Anxiety').getByLabel('2 moderate').check();
  await group('Tremor').getByLabel('1 mild').check();
  // With the keyboard: focus on the group's checked choice (where Tab lands), and the arrow key
  // moves from "not answered" to "0 none".
  await group('Panic').getByLabel('not answered').focus();
  await page.keyboard.press('ArrowRight');
  assert.ok(await group('Panic').getByLabel('0 none').isChecked(), 'the arrow key answers "none"');
  // An answer taken back: Headache answered, then set to "not answered" again.
  await group('Headache').getByLabel('3 severe').check();
  await group('Headache').getByLabel('not answered').check();
  await page.getByText('3 of 22 answered').waitFor();
  await screenshot(page, 'phone form with three answers', false);

  await page.getByRole('button', { name: 'Save check-in' }).click();
  const review = page.locator('[data-testid=review]');
  await review.getByRole('heading', { name: /Thank you/ }).waitFor();
  const text = await review.innerText();
  assert.match(text, /Symptom score today: 3 of 12 \(25%\), 3 of 22 answered\./);
  assert.match(text, /fewer than 11 symptoms answered, this score is kept in your journal but not used to judge your plan/);
  assert.doesNotMatch(text, /of 88/);

  // Stored: the three answers only; sleep and mood left empty are not there at all.
  const stored = await storedCheckIn(page, person.today);
  assert.deepEqual(stored.symptoms, { anxiety: 2, panic: 0, tremor: 1 });
  assert.equal(stored.mood, null);
  assert.equal(stored.sleep.quality, null);
});

// The symptom chart has values on the two full days only; the days between, and today, are gaps
// (in the table they are not listed as 0).
async function assertSymptomGaps(page) {
  await go(page, '/progress');
  const chart = page.locator('[data-testid=chart]', { has: page.getByText('Table of “Symptom score”') });
  await chart.waitFor();
  const table = chart.locator('[data-testid=chart-table]');
  await table.locator('summary').click();
  await table.locator('tbody tr').first().waitFor(); // the rows are built when the table opens
  const rows = await table.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent.trim())));
  assert.equal(rows.length, 2, `two days with a score: ${JSON.stringify(rows)}`);
  assert.deepEqual(rows.map((r) => r[1]), ['25', '50']);
  for (const r of rows) assert.notEqual(r[1], '0');
}

step('the chart leaves gaps, at phone size', async (page) => {
  await assertSymptomGaps(page);
  await page.locator('[data-testid=chart]').first().scrollIntoViewIfNeeded();
  await screenshot(page, 'phone progress with gaps', true);
});

step('replace the check-in and see the gap, at desktop size', async (page) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await go(page, '/today');
  await page.getByRole('button', { name: "Replace today's check-in" }).waitFor();
  await assertRatingsFit(page);
  const group = (name) => page.getByRole('group', { name, exact: true });
  await group('Insomnia').getByLabel('4 very severe').check();
  await page.getByLabel(/Mood today/).fill('0');
  await page.getByText('1 of 22 answered').waitFor();
  await page.getByRole('button', { name: "Replace today's check-in" }).click();
  const review = page.locator('[data-testid=review]');
  await review.getByRole('heading', { name: /Thank you/ }).waitFor();
  assert.match(await review.innerText(), /Symptom score today: 4 of 4 \(100%\), 1 of 22 answered\./);
  const stored = await storedCheckIn(page, person.today);
  assert.deepEqual(stored.symptoms, { insomnia: 4 });
  assert.equal(stored.mood, 0, 'a mood of 0 is an answer');
  await assertSymptomGaps(page);
  await screenshot(page, 'desktop progress with gaps', true);
});
