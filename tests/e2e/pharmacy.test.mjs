// The pharmacy view (issue 20): a person in the UK weeks into a diazepam taper opens Pharmacy,
// sees the supply periods from today with the draft notice and the total, switches to 14-day
// supplies, and the page fits a 390 px phone and prints without its controls.
import assert from 'node:assert/strict';
import { go, browserSteps, apiUrl, plusDays, signUpInBrowser } from './lib.mjs';

const { step } = browserSteps();
const email = `e2e-pharmacy-${Date.now()}@example.org`;
let person; // { id, csrf, today }

async function post(page, rest, body) {
  return page.request.post(apiUrl(`/people/${person.id}${rest}`), { data: body, headers: { 'X-CSRF-Token': person.csrf } });
}

step('a plan begun 30 days ago, counted from today in 28-day supplies', async (page) => {
  person = await signUpInBrowser(page, email);
  const began = plusDays(person.today, -30);
  const profile = await page.request.put(apiUrl(`/people/${person.id}`), { data: { profile: { country: 'GB' } }, headers: { 'X-CSRF-Token': person.csrf } });
  assert.equal(profile.status(), 200, await profile.text());
  const regimen = await post(page, '/regimen', { regimen: 'diazepam 10mg@08:00, 10mg@20:00', date: began });
  assert.equal(regimen.status(), 201, await regimen.text());
  const plan = await post(page, '/plans', { strategy: 'fraction', cut: '10%', every: '14d', start: began });
  assert.equal(plan.status(), 201, await plan.text());
  await go(page, '/pharmacy');
  await page.getByRole('heading', { level: 1, name: 'Pharmacy supply' }).waitFor();
  await page.getByTestId('pharmacy-draft').waitFor();
  assert.match(await page.getByTestId('pharmacy-draft').innerText(), /draft to agree with the prescriber/);
  assert.match(await page.getByTestId('pharmacy-from').innerText(), new RegExp(`Periods start on ${person.today}`));
  const first = page.getByTestId('pharmacy-period').first();
  assert.match(await first.innerText(), new RegExp(`Period 1: ${person.today} to ${plusDays(person.today, 27)} \\(28 days\\)`));
  assert.match(await first.innerText(), /diazepam \d+ mg tablet/);
  assert.match(await page.getByTestId('pharmacy-total').innerText(), /tablets/);
});

step('14-day supplies, at phone size, printed without the controls', async (page) => {
  await page.getByTestId('pharmacy-period').first().waitFor();
  await page.locator('#pharmacy-period').selectOption('14');
  await page
    .getByRole('heading', { name: `Period 1: ${person.today} to ${plusDays(person.today, 13)} (14 days)`, exact: false })
    .waitFor();
  await page.setViewportSize({ width: 390, height: 844 });
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 390, `the page is ${width} px wide on a 390 px screen`);
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('.pharmacy-controls').isVisible(), false, 'no controls on paper');
  assert.equal(await page.getByTestId('pharmacy-total').isVisible(), true);
  await page.emulateMedia({ media: 'screen' });
  await page.setViewportSize({ width: 1280, height: 900 });
});
