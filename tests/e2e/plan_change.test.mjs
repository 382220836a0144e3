// Changing a plan is safe (issue 22, point 1): a person at step 5 of a clonazepam taper (10% every
// 14 days from 1 mg a day, begun 60 days ago: 0.59 mg a day now, 0.66 mg at step 4, as in the demo
// journal) opens "Make a new plan". The form starts from today's dose and says so; the original
// regimen is refused in the browser and by the API; going back to the previous step is an explicit
// choice that needs a reason, and the reason is saved with the plan. Also: the drug picker finds a
// medicine by its brand name, and the wizard's Back/Next buttons hide when they do nothing. At
// phone size (390 px) and at desktop size.
import assert from 'node:assert/strict';
import { go, screenshot, browserSteps, apiUrl, plusDays, signUpInBrowser } from './lib.mjs';

const { step } = browserSteps();
const email = `e2e-plan-change-${Date.now()}@example.org`;
let person; // { id, csrf, today }
const WHY = 'Sleep has been very poor every night since the last cut.';


async function post(page, rest, body) {
  return page.request.post(apiUrl(`/people/${person.id}${rest}`), { data: body, headers: { 'X-CSRF-Token': person.csrf } });
}

async function read(page, rest) {
  const res = await page.request.get(apiUrl(`/people/${person.id}${rest}`));
  assert.equal(res.status(), 200, await res.text());
  return res.json();
}

async function doseValues(page) {
  const out = [];
  const rows = await page.locator('.dose-row').count();
  for (let i = 1; i <= rows; i += 1) out.push(await page.getByLabel(`Dose ${i} (mg)`).inputValue());
  return out;
}

async function setDoses(page, doses) {
  for (const [i, mg] of doses.entries()) await page.getByLabel(`Dose ${i + 1} (mg)`).fill(String(mg));
}

async function openNewPlan(page) {
  // From another page, so that the plan page is drawn afresh with what is stored now.
  await go(page, '/today');
  await page.getByRole('heading', { level: 1, name: 'Today' }).waitFor();
  await go(page, '/plan');
  await page.getByRole('button', { name: 'Make a new plan' }).click();
  await page.getByText('Step 1 of 5').waitFor();
  await page.getByTestId('dose-in-force').waitFor();
}

step('sign up in the UK and follow a plan begun 60 days ago', async (page) => {
  person = await signUpInBrowser(page, email);
  const began = plusDays(person.today, -60);
  const profile = await page.request.put(apiUrl(`/people/${person.id}`), { data: { profile: { country: 'GB' } }, headers: { 'X-CSRF-Token': person.csrf } });
  assert.equal(profile.status(), 200, await profile.text());
  const regimen = await post(page, '/regimen', { regimen: 'clonazepam 0.5mg@08:00, 0.5mg@20:00', date: began });
  assert.equal(regimen.status(), 201, await regimen.text());
  const plan = await post(page, '/plans', { strategy: 'fraction', cut: '10%', every: '14d', start: began });
  assert.equal(plan.status(), 201, await plan.text());
  const f = (await read(page, '/plans')).dose_in_force;
  assert.equal(f.step, 5);
  assert.ok(Math.abs(f.regimen.drugs[0].daily_mg - 0.59) < 1e-9, `step 5 is 0.59 mg a day: ${JSON.stringify(f.regimen)}`);
  assert.equal(f.previous_step.index, 4);
});

step('a new plan starts from the dose in force today, and says so', async (page) => {
  await openNewPlan(page);
  const said = await page.getByTestId('dose-in-force').innerText();
  assert.match(said, /dose in force today, step 5 of \d+ of your plan: clonazepam 0\.09 mg at 08:00, 0\.5 mg at 20:00/);
  assert.match(said, /never a higher one/);
  assert.deepEqual(await doseValues(page), ['0.09', '0.5'], 'today\'s doses, not the 0.5 + 0.5 the plan began from');
  assert.equal(await page.getByLabel('Medicine').inputValue(), 'clonazepam');
  // Nothing to go back to from step 1 of the wizard: no dead Back button (the hidden attribute wins).
  assert.ok(await page.getByRole('button', { name: 'Back' }).isHidden(), 'Back is hidden on step 1');
  assert.ok(await page.getByRole('button', { name: 'Next' }).isVisible());
  await page.setViewportSize({ width: 1280, height: 900 });
  await screenshot(page, 'plan change step 1 desktop', false);
  await page.setViewportSize({ width: 390, height: 844 });
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 390, `the page is ${width} px wide on a 390 px screen`);
});

step('the drug picker finds a medicine by its brand name', async (page) => {
  const search = page.getByLabel('Search by generic or brand name');
  for (const [brand, id] of [['Xanax', 'alprazolam'], ['Ambien', 'zolpidem'], ['valium', 'diazepam'], ['Klonopin', 'clonazepam']]) {
    await search.fill(brand);
    assert.equal(await page.getByLabel('Medicine').inputValue(), id, `${brand} finds ${id}`);
  }
  assert.match(await page.locator('.drug-search-answer').innerText(), /^Klonopin is clonazepam\./);
  await search.fill('');
});

step('the original regimen is refused in the browser and by the API', async (page) => {
  await setDoses(page, [0.5, 0.5]);
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByText(/add up to 1 mg a day, above the 0\.59 mg a day of clonazepam in force today/).first().waitFor();
  assert.ok(await page.getByText('Step 1 of 5').isVisible(), 'still on step 1');

  for (const route of ['/plans/preview', '/plans']) {
    const res = await post(page, route, { strategy: 'fraction', cut: '10%', every: '14d', regimen: 'clonazepam 0.5mg@08:00, 0.5mg@20:00' });
    assert.equal(res.status(), 422, route);
    const problem = await res.json();
    assert.equal(problem.errors[0].field, 'regimen');
    assert.match(problem.errors[0].message, /above the 0\.59 mg a day of clonazepam in force/);
  }
  assert.equal((await read(page, '/plans')).versions.length, 1, 'nothing saved');
});

step('today\'s dose goes through to the preview, with working Back and Next', async (page) => {
  await setDoses(page, [0.09, 0.5]);
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByText('Step 2 of 5').waitFor();
  assert.ok(await page.getByRole('button', { name: 'Back' }).isVisible(), 'Back shows from step 2');
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByText('Step 3 of 5').waitFor();
  await page.getByLabel('A share of the current dose').check();
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByText('Step 4 of 5').waitFor();
  await page.getByText(/Plan ready: \d+ steps/).waitFor({ timeout: 30_000 });
  await page.locator('details summary', { hasText: 'Plan as text' }).click();
  assert.match(await page.locator('.plan-text').innerText(), /Taper plan from clonazepam 0\.09 mg at 08:00, 0\.5 mg at 20:00/);
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByText('Step 5 of 5').waitFor();
  assert.ok(await page.getByRole('button', { name: 'Next' }).isHidden(), 'no dead Next on the last step');
  await page.getByRole('button', { name: 'Back' }).click();
  await page.getByText('Step 4 of 5').waitFor();
});

step('going back to the previous step needs a reason, and the reason is saved', async (page) => {
  await openNewPlan(page);
  const choice = page.getByLabel('Go back to the previous step (step 4: 0.66 mg a day of clonazepam)');
  assert.ok(!(await choice.isChecked()), 'never chosen by default');
  assert.ok(await page.getByLabel('Why go back? (saved with the plan)').isHidden(), 'the reason field shows with the choice');
  await choice.check();
  assert.deepEqual(await doseValues(page), ['0.16', '0.5'], 'step 4\'s doses');
  assert.match(await page.locator('.go-back').innerText(), /stays there for 14 days/);
  await page.locator('.go-back').scrollIntoViewIfNeeded();
  await screenshot(page, 'go back chosen at phone size', false);
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByText('Say why you are going back a step: the reason is saved with the plan.').first().waitFor();
  assert.ok(await page.getByText('Step 1 of 5').isVisible());
  await page.getByLabel('Why go back? (saved with the plan)').fill(WHY);
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByText('Step 2 of 5').waitFor();
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByText('Step 3 of 5').waitFor();
  await page.getByLabel('A share of the current dose').check();
  await page.getByLabel(/Cut each time/).fill('5');
  await page.getByLabel('Every (days)').fill('21');
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByText('Step 4 of 5').waitFor();
  await page.getByText(/Plan ready: \d+ steps/).waitFor({ timeout: 30_000 });
  const notice = await page.getByTestId('go-back-notice').innerText();
  assert.match(notice, new RegExp(`from ${person.today} you take step 4's dose again .* until ${plusDays(person.today, 14)}`));
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByText('Step 5 of 5').waitFor();
  assert.match(await page.getByTestId('go-back-reason').innerText(), new RegExp(WHY.replace('.', '\\.')));
  for (const box of await page.getByLabel('I have read this and will discuss it with my prescriber').all()) await box.check();
  await page.getByRole('button', { name: 'Save this plan' }).click();
  await page.getByRole('heading', { name: /Plan version 2, from/ }).waitFor();
  // The saved plan says why this version exists.
  const why = await page.getByTestId('version-reason').innerText();
  assert.match(why, /^Why this version: .*went back to step 4/);
  assert.ok(why.includes(WHY), why);
  // No dead download: a revised version has no calendar file (the server answers 409).
  assert.equal(await page.getByRole('link', { name: 'Add to my calendar (.ics)' }).count(), 0);
  assert.ok(await page.getByText(/This version revises the plan/).isVisible());

  const versions = (await read(page, '/plans')).versions;
  assert.equal(versions.length, 2);
  assert.match(versions[1].reason, /went back to step 4/);
  assert.ok(versions[1].reason.includes(WHY), `the reason is recorded: ${versions[1].reason}`);
  const today = await read(page, '/today');
  const mg = today.doses.reduce((s, d) => s + d.dose_mg, 0);
  assert.ok(Math.abs(mg - 0.66) < 1e-9, `step 4's 0.66 mg a day today, not ${mg}`);
  await page.setViewportSize({ width: 1280, height: 900 });
  await screenshot(page, 'saved go-back plan desktop', false);
  await page.setViewportSize({ width: 390, height: 844 });
});
