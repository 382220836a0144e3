// The preview's band of people like this person (issue 21): after the plan is ready, two charts
// show the person's own modelled curve with the middle half of 1,000 people like them as a darker
// band and 9 in 10 as a lighter one, a legend in plain words, and the band's edges in the table
// view. A person with four weeks of daily check-ins on a plan sees the band centred on their own
// fit, and told that it narrows as far as the check-ins inform it (a gentle 10% taper hardly
// does: adapt/personal_model.hpp). On a 390 px phone.
import assert from 'node:assert/strict';
import path from 'node:path';
import { apiUrl, BASE_URL, browserSteps, go, plusDays, SCREENSHOTS, signUpByApi } from './lib.mjs';

const SYMPTOMS = [
  'anxiety', 'panic', 'irritability', 'low-mood', 'insomnia', 'nightmares', 'fatigue', 'poor-concentration',
  'memory-problems', 'muscle-tension', 'tremor', 'twitching', 'sweating', 'palpitations', 'headache', 'dizziness',
  'nausea', 'tinnitus', 'light-sound-sensitivity', 'numbness-tingling', 'depersonalisation', 'restlessness',
];

let personId;
let csrf;

const { env, step } = browserSteps({
  prefix: 'band',
  setUp: async ({ page }) => {
    ({ personId, csrf } = await signUpByApi(page, { email: `e2e-band-${Date.now()}@example.org`, name: 'Band Person', country: 'GB' }));
  },
});

async function api(method, rest, data) {
  const res = await env.page.request.fetch(apiUrl(`/people/${personId}${rest}`), {
    method,
    data,
    headers: { 'X-CSRF-Token': csrf },
  });
  assert.ok(res.status() < 300, `${method} ${rest}: ${res.status()} ${await res.text()}`);
  return res.json();
}

// The wizard from the dose in force (or clonazepam 0.5 mg twice a day) to the preview of 10%
// every 14 days, then the band's section once drawn.
async function previewWithBand(page, { firstPlan }) {
  await page.goto(BASE_URL);
  await go(page, '/plan/new');
  await page.getByText('Step 1 of 5').waitFor();
  if (firstPlan) {
    await page.getByLabel('Medicine', { exact: true }).selectOption('clonazepam');
    while ((await page.locator('.dose-row').count()) < 2) await page.getByRole('button', { name: 'Add another dose' }).click();
    for (const [i, time] of ['08:00', '20:00'].entries()) {
      await page.getByLabel(`Dose ${i + 1} (mg)`).fill('0.5');
      await page.getByLabel(`Time of dose ${i + 1}`).fill(time);
    }
  }
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByText('Step 2 of 5').waitFor();
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByText('Step 3 of 5').waitFor();
  await page.getByLabel('A share of the current dose').check();
  await page.getByLabel(/Cut each time/).fill('10');
  await page.getByLabel('Every (days)').fill('14');
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByText('Step 4 of 5').waitFor();
  await page.getByText(/Plan ready: \d+ steps/).waitFor({ timeout: 30_000 });
  const section = page.locator('[data-testid=people-like-you]');
  await section.waitFor();
  await section.locator('figure[data-testid=chart][data-spreads="2"] canvas').first().waitFor({ timeout: 60_000 });
  return section;
}

// Pixels of the chart's canvas that carry the bands' blue tint but are not the line: the bands
// are drawn, not only described.
async function tintedPixels(figure) {
  return figure.locator('canvas').first().evaluate((canvas) => {
    const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
    let n = 0;
    for (let i = 0; i < data.length; i += 4) {
      const [r, g, b, a] = [data[i], data[i + 1], data[i + 2], data[i + 3]];
      if (a > 0 && b > r + 8 && b > g && r > 120) n += 1; // pale blue: a band, not the dark line
    }
    return n;
  });
}

async function assertNoSidewaysScroll(page) {
  const width = page.viewportSize().width;
  const scroll = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(scroll <= width, `the page is ${scroll} px wide on a ${width} px screen`);
}

step('the preview shows the band of people like you around your own curve', async (page) => {
  const section = await previewWithBand(page, { firstPlan: true });
  const legend = section.locator('[data-testid=band-legend]');
  assert.match(await legend.innerText(), /People like you: half fall in the darker band, 9 in 10 in the lighter one\./);
  assert.match(await section.innerText(), /The model run for 1,000 people like you/);
  const figures = section.locator('figure[data-testid=chart]');
  assert.equal(await figures.count(), 2);
  const labels = await figures.evaluateAll((fs) => fs.map((f) => f.getAttribute('aria-label')));
  assert.deepEqual(labels, [
    'Withdrawal pressure at its highest each day: you and people like you (% of full effect)',
    'Adaptation still to unwind: you and people like you (% of the start)',
  ]);
  for (let i = 0; i < 2; i += 1) {
    const tinted = await tintedPixels(figures.nth(i));
    assert.ok(tinted > 100, `chart ${i + 1}: ${tinted} pixels of band`);
  }
  // The table view lists the bands' edges beside the own curve.
  const details = figures.nth(1).locator('details[data-testid=chart-table]');
  await details.locator('summary').click();
  const headers = await details.locator('thead th').allInnerTexts();
  assert.deepEqual(headers, [
    'Date',
    'You (modelled) (%)',
    '9 in 10 people like you, from (%)',
    '9 in 10 people like you, to (%)',
    'Middle half of people like you, from (%)',
    'Middle half of people like you, to (%)',
  ]);
  const last = await details.locator('tbody tr').last().evaluate((tr) => [...tr.children].map((c) => Number(c.textContent)));
  const [, own, low90, high90, low50, high50] = last;
  assert.ok(low90 <= low50 && low50 <= high50 && high50 <= high90, `the bands nest: ${last.join(' ')}`);
  assert.ok(low90 <= own && own <= high90, `your curve is inside the lighter band: ${last.join(' ')}`);
  await details.locator('summary').click();
  await assertNoSidewaysScroll(page);
  await section.screenshot({ path: path.join(SCREENSHOTS, 'band-phone-population.png') });
});

step('four weeks of check-ins centre the band on the personal fit', async (page) => {
  // The same person's history written through the API: a plan begun four weeks ago and a
  // check-in every day since (mild symptoms, a little worse for a few days after the cut).
  const today = (await api('GET', '/today')).date;
  const start = plusDays(today, -28);
  await api('POST', '/regimen', { regimen: 'clonazepam 0.5mg@08:00, 0.5mg@20:00', date: start });
  await api('POST', '/plans', { strategy: 'fraction', cut: '10%', every: '14d', start, date: start });
  for (let d = 0; d <= 28; d += 1) {
    const worse = d >= 14 && d < 20 ? 1 : 0;
    const symptoms = Object.fromEntries(SYMPTOMS.map((s, i) => [s, i < 4 ? 1 + worse : 0]));
    await api('POST', '/check-ins', { date: plusDays(start, d), symptoms });
  }
  const section = await previewWithBand(page, { firstPlan: false });
  assert.match(await section.innerText(), /your \d+ check-ins suggest\. The more your check-ins tell about you, the narrower the bands/);
  await assertNoSidewaysScroll(page);
  await section.screenshot({ path: path.join(SCREENSHOTS, 'band-phone-personal.png') });
});
