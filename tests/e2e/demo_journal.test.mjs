// The demo journal (`taperlab serve --demo`, started by run.sh): Alex is at step 5 of a clonazepam
// taper, 0.59 mg a day. Issue 22's report: Plan -> "Make a new plan" filled in the original
// regimen (1 mg a day) and three clicks on Next saved a plan starting today at 0.9 mg a day. Now
// the wizard starts from the dose in force today, and the saved plan never starts above it. At
// phone size (390 px), then the saved plan at desktop size.
import assert from 'node:assert/strict';
import { BASE_URL, go, screenshot, browserSteps, apiUrl } from './lib.mjs';

const { step } = browserSteps();
let person; // { id, csrf }


async function read(page, rest) {
  const res = await page.request.get(apiUrl(`/people/${person.id}${rest}`));
  assert.equal(res.status(), 200, await res.text());
  return res.json();
}

const dailyMg = (today) => today.doses.reduce((sum, d) => sum + d.dose_mg, 0);

step('sign in to the demo journal at step 5', async (page) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(BASE_URL);
  await page.getByLabel('Email').fill('demo@taperlab.local');
  await page.getByLabel('Password').fill('demo-taper-2026');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByRole('navigation', { name: 'Main' }).waitFor();
  const session = await (await page.request.get(apiUrl('/auth/session'))).json();
  person = { id: session.person_id, csrf: session.csrf_token };
  const today = await read(page, '/today');
  assert.equal(today.step.index, 5);
  assert.ok(Math.abs(dailyMg(today) - 0.59) < 1e-9, `0.59 mg a day in force: ${dailyMg(today)}`);
});

step('Make a new plan and three Nexts save a plan that starts from today\'s dose, not above it', async (page) => {
  const before = await read(page, '/today');
  await go(page, '/plan');
  await page.getByRole('button', { name: 'Make a new plan' }).click();
  await page.getByText('Step 1 of 5').waitFor();
  assert.match(await page.getByTestId('dose-in-force').innerText(), /dose in force today, step 5 of \d+/);
  assert.equal(await page.getByLabel('Dose 1 (mg)').inputValue(), '0.09');
  assert.equal(await page.getByLabel('Dose 2 (mg)').inputValue(), '0.5');
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByText('Step 2 of 5').waitFor();
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByText('Step 3 of 5').waitFor();
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByText('Step 4 of 5').waitFor();
  await page.getByText(/Plan ready: \d+ steps/).waitFor({ timeout: 30_000 });
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByText('Step 5 of 5').waitFor();
  for (const box of await page.getByLabel('I have read this and will discuss it with my prescriber').all()) await box.check();
  await page.getByRole('button', { name: 'Save this plan' }).click();
  await page.getByRole('heading', { name: /Plan version 2, from/ }).waitFor();

  const versions = (await read(page, '/plans')).versions;
  assert.equal(versions.length, 2);
  const after = await read(page, '/today');
  assert.ok(dailyMg(after) <= dailyMg(before) + 1e-9, `the new plan starts at ${dailyMg(after)} mg a day, above ${dailyMg(before)}`);
  // The day's step of the new plan: the dose in force or a cut from it, never the 1 mg it began from.
  assert.ok(dailyMg(after) > 0, 'no abrupt stop');
  await page.setViewportSize({ width: 1280, height: 900 });
  await screenshot(page, 'demo new plan saved desktop', false);
});
