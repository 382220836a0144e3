// Plans the country's products cannot make on their own (US clonazepam 0.5 mg twice a day at 10%
// every 14 days; zolpidem 10 mg at night): the preview offers alternatives as cards, "Use this
// plan" switches the calendar to another, and saving keeps the one chosen. On a 390 px screen.
import assert from 'node:assert/strict';
import path from 'node:path';
import { BASE_URL, browserSteps, go, screenshot, SCREENSHOTS, signUpByApi } from './lib.mjs';

let personId;
const email = `e2e-alternatives-${Date.now()}@example.org`;

// An account without a country in its profile: the wizard asks for one.
const { step } = browserSteps({
  setUp: async ({ page }) => {
    ({ personId } = await signUpByApi(page, { email, name: 'Alternatives Person' }));
  },
});

async function apiGet(page, rest) {
  const res = await page.request.get(new URL(`api/v1/people/${personId}${rest}`, BASE_URL).href);
  assert.equal(res.status(), 200);
  return res.json();
}

// Steps 1 to 3 of the wizard; ends on the preview with the plan ready.
async function wizardToPreview(page, { drug, doses, country }) {
  await go(page, '/plan/new');
  await page.getByText('Step 1 of 5').waitFor();
  await page.getByLabel('Medicine').selectOption(drug);
  const countrySelect = page.getByLabel('Country of your pharmacy');
  // No country in the profile: the wizard does not guess one.
  assert.equal(await countrySelect.inputValue(), '');
  while ((await page.locator('.dose-row').count()) > doses.length) {
    await page.getByRole('button', { name: `Remove dose ${await page.locator('.dose-row').count()}` }).click();
  }
  for (const [i, [mg, time]] of doses.entries()) {
    await page.getByLabel(`Dose ${i + 1} (mg)`).fill(String(mg));
    await page.getByLabel(`Time of dose ${i + 1}`).fill(time);
  }
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByText('Choose the country of your pharmacy.').waitFor();
  await countrySelect.selectOption(country);
  await page.getByRole('button', { name: 'Next' }).click();

  await page.getByText('Step 2 of 5').waitFor();
  assert.ok(await page.getByLabel(/usual products in my country, United States/).isChecked());
  // "I will choose" lists the country's products only: no clonazepam liquid is sold in the US.
  await page.getByLabel('I will choose the strengths I have').check();
  const own = await page.locator('.own-formulations').innerText();
  assert.match(own, /what you can get in the United States/);
  assert.doesNotMatch(own.split('Diazepam products')[0], /mg\/mL/, 'no liquid of this drug in the US list');
  await page.getByLabel(/usual products in my country/).check();
  await page.getByRole('button', { name: 'Next' }).click();

  await page.getByText('Step 3 of 5').waitFor();
  await page.getByLabel('A share of the current dose').check();
  await page.getByLabel(/Cut each time/).fill('10');
  await page.getByLabel('Every (days)').fill('14');
  await page.getByRole('button', { name: 'Next' }).click();

  await page.getByText('Step 4 of 5').waitFor();
  await page.getByText(/Plan ready: \d+ steps/).waitFor({ timeout: 30_000 });
}

async function cards(page) {
  const list = page.locator('[data-testid=alternative]');
  const n = await list.count();
  const out = [];
  for (let i = 0; i < n; i += 1) {
    out.push({ number: Number(await list.nth(i).getAttribute('data-number')), chosen: (await list.nth(i).getAttribute('data-chosen')) === 'true' });
  }
  return out;
}

async function assertNoSidewaysScroll(page) {
  const width = page.viewportSize().width;
  const scroll = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(scroll <= width, `the page is ${scroll} px wide on a ${width} px screen`);
  // One column of cards, each inside the screen.
  const boxes = await page.locator('[data-testid=alternative]').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON()));
  for (const b of boxes) assert.ok(b.right <= width && b.left >= 0, `a card spans ${b.left} to ${b.right} px`);
  for (let i = 1; i < boxes.length; i += 1) assert.ok(boxes[i].top >= boxes[i - 1].bottom, 'cards stack in one column');
}

// Picks the second card and checks the preview follows; returns its number.
async function useSecond(page, { keyboard = false } = {}) {
  const before = await cards(page);
  assert.ok(before.length >= 2, `alternatives shown (${before.length})`);
  assert.equal(before.filter((c) => c.chosen).length, 1, 'one card in use');
  const second = before[1];
  assert.equal(second.chosen, false, 'the planner chose the first card');
  const calendarBefore = await page.locator('[data-testid=plan-calendar]').innerText();
  const card = page.locator(`[data-testid=alternative][data-number="${second.number}"]`);
  const use = card.getByRole('button', { name: 'Use this plan' });
  if (keyboard) {
    await use.focus();
    await page.keyboard.press('Enter');
  } else {
    await use.click();
  }
  await page.locator(`[data-testid=alternative][data-number="${second.number}"][data-chosen=true]`).waitFor();
  await page.getByText(new RegExp(`Now using option ${second.number}\\. Plan ready`)).waitFor();
  const after = await cards(page);
  assert.deepEqual(after.filter((c) => c.chosen).map((c) => c.number), [second.number]);
  assert.notEqual(await page.locator('[data-testid=plan-calendar]').innerText(), calendarBefore, 'the calendar changed');
  assert.match(await page.locator(`[data-testid=alternative][data-number="${second.number}"]`).innerText(), /In use/);
  assert.ok(await page.locator(`[data-testid=alternative][data-number="${second.number}"] h4`).evaluate((e) => e === document.activeElement), 'focus on the chosen card');
  const heading = await page.locator(`[data-testid=alternative][data-number="${second.number}"] h4`).innerText();
  return { number: second.number, title: heading.replace(/^Option \d+: /, '') };
}

async function saveAcknowledged(page, title) {
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByText('Step 5 of 5').waitFor();
  for (const box of await page.getByLabel('I have read this and will discuss it with my prescriber').all()) await box.check();
  await page.getByRole('button', { name: 'Save this plan' }).click();
  await page.getByRole('heading', { name: /Plan version \d+, from/ }).waitFor();
  // The saved plan says how it is made and what to get.
  const said = await page.locator('[data-testid=saved-alternative]').innerText();
  assert.ok(said.startsWith(`This plan: ${title}`), `the saved plan names the chosen way: ${said}`);
  assert.match(said, /What to get:/);
  await screenshot(page, 'alternatives saved plan, top of the screen', false);
}

step('alternatives: US clonazepam 0.5 mg twice a day', async (page) => {
  await page.goto(BASE_URL);
  await wizardToPreview(page, { drug: 'clonazepam', doses: [[0.5, '08:00'], [0.5, '20:00']], country: 'US' });
  const box = page.locator('[data-testid=alternatives]');
  await box.waitFor();
  assert.match(await box.innerText(), /products usually sold in the United States cannot make every step/);
  assert.equal(await box.locator('svg.spark path.spark-line').count(), (await cards(page)).length, 'a sparkline per card');
  const { number, title } = await useSecond(page);
  await assertNoSidewaysScroll(page);
  await page.locator('[data-testid=alternatives]').screenshot({ path: path.join(SCREENSHOTS, 'alternatives-clonazepam-cards.png') });
  await screenshot(page, 'alternatives clonazepam preview', true);
  await saveAcknowledged(page, title);
  const versions = (await apiGet(page, '/plans')).versions;
  const saved = await apiGet(page, `/plans/${Math.max(...versions.map((v) => v.version))}`);
  assert.equal(saved.plan.country, 'US');
  assert.deepEqual(saved.plan.alternatives.filter((a) => a.chosen).map((a) => a.number), [number], 'the saved plan is the one chosen');
});

step('alternatives: zolpidem 10 mg at night, chosen by keyboard', async (page) => {
  // Another person: a new plan never starts above the dose in force, and for the person above
  // that is clonazepam, not zolpidem.
  ({ personId } = await signUpByApi(page, { email: `e2e-alternatives-zolpidem-${Date.now()}@example.org`, name: 'Zolpidem Person' }));
  await page.goto(BASE_URL);
  await wizardToPreview(page, { drug: 'zolpidem', doses: [[10, '22:00']], country: 'US' });
  await page.locator('[data-testid=alternatives]').waitFor();
  const { number, title } = await useSecond(page, { keyboard: true });
  await assertNoSidewaysScroll(page);
  await page.locator('[data-testid=alternatives]').screenshot({ path: path.join(SCREENSHOTS, 'alternatives-zolpidem-cards.png') });
  // Back and forth keeps the choice: the same options ask for the same alternative.
  await page.getByRole('button', { name: 'Back' }).click();
  await page.getByText('Step 3 of 5').waitFor();
  await page.getByRole('button', { name: 'Next' }).click();
  await page.locator(`[data-testid=alternative][data-number="${number}"][data-chosen=true]`).waitFor();
  await saveAcknowledged(page, title);
  const versions = (await apiGet(page, '/plans')).versions;
  const saved = await apiGet(page, `/plans/${Math.max(...versions.map((v) => v.version))}`);
  assert.deepEqual(saved.plan.alternatives.filter((a) => a.chosen).map((a) => a.number), [number]);
  assert.match(JSON.stringify(saved.plan.steps), /zolpidem/);
});
