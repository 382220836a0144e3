// Urgent states are unmistakable and have a way forward (issue 22, point 2, and point 8's crisis
// defects), at desktop size and on a phone (390x844):
// - "Help now" before signing in, with the numbers of the browser's country as tel:/sms: links
//   (988 in the US: call and text), Escape closes it and focus goes back to the button;
// - a seizure, confusion or hallucinations in the check-in opens the same full-screen urgent screen
//   as PHQ-9 item 9 (with the country's emergency number), never the mild "Thank you" card;
// - Today while paused: one dose list (the dose kept), the pause in plain words (what it means, how
//   long, how it ends), a new plan saved meanwhile not shown, a logged dose shown as logged;
// - the resume: offered after a calm check-in on a later day, recorded with who and why.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE_URL, go, launch, screenshot, signUpThenSignIn } from './lib.mjs';

const SIZES = [
  { name: 'desktop', viewport: { width: 1280, height: 900 } },
  { name: 'phone', viewport: { width: 390, height: 844 } },
];
const PASSWORD = 'a long enough passphrase';

function isoDay(offset) {
  const d = new Date();
  d.setDate(d.getDate() + offset);
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

for (const size of SIZES) {
  describe(`urgent paths (${size.name})`, () => {
    let env;
    let context;
    let page;
    let problems;

    before(async () => {
      env = await launch();
      // Each size its own browser context: its own cookies, locale (US: 988) and viewport.
      context = await env.browser.newContext({ viewport: size.viewport, locale: 'en-US', deviceScaleFactor: 1 });
      context.setDefaultTimeout(15_000);
      page = await context.newPage();
      problems = [];
      page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
      page.on('console', (m) => {
        if (m.type() === 'error' && /Content Security Policy|Refused to|Uncaught/i.test(m.text())) problems.push(`console: ${m.text()}`);
      });
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
          await screenshot(page, `urgent ${size.name} ${name}`, false);
        }
      });
    }

    const api = (path) => new URL(`api/v1/${path}`, BASE_URL).href;
    let person = null; // { id, csrf }

    // A new account signed in this context (the cookie is the context's), in `country`.
    async function signUp(tag, country) {
      const doc = await signUpThenSignIn(page.request, {
        email: `e2e-urgent-${tag}-${size.name}-${Date.now()}@example.org`,
        password: PASSWORD,
        country,
      });
      person = { id: doc.person_id, csrf: doc.csrf_token };
      // The app reads the session when it loads: load it again, signed in.
      await go(page, '/today');
      await page.reload();
      await page.getByRole('navigation', { name: 'Main' }).waitFor();
      return person;
    }
    async function post(rest, data, status = 201) {
      const res = await page.request.post(api(`people/${person.id}${rest}`), { data, headers: { 'X-CSRF-Token': person.csrf } });
      assert.equal(res.status(), status, `${rest}: ${await res.text()}`);
      return res.json();
    }
    async function signOut() {
      await page.request.post(api('auth/signout'), { headers: { 'X-CSRF-Token': person?.csrf ?? '' } });
      person = null;
    }

    // Ticks one red flag in today's check-in and saves it; returns the urgent screen.
    async function checkInWithFlag(label) {
      await go(page, '/today');
      await page.getByRole('button', { name: /Save check-in/ }).waitFor();
      await page.getByLabel(label).check();
      await page.getByRole('button', { name: /Save check-in/ }).click();
      const screen = page.getByRole('alertdialog');
      await screen.waitFor();
      return screen;
    }

    // The urgent screen closes by Escape; Today then shows the pause, and never the mild card.
    async function closeByEscapeAndSeePause() {
      await page.keyboard.press('Escape');
      assert.equal(await page.locator('#crisis-screen').count(), 0, 'Escape closes the screen');
      const pause = page.locator('[data-testid=pause]');
      await pause.waitFor();
      assert.equal(await page.getByText(/Thank you\. Your decision for today/).count(), 0, 'no mild card');
      return pause;
    }

    step('Help now before signing in: the browser country, call and text links, Escape', async () => {
      await page.request.post(api('auth/signout')).catch(() => {});
      await go(page, '/signin');
      await page.getByRole('heading', { name: 'Sign in' }).waitFor();
      const help = page.getByRole('button', { name: 'Help now' });
      await help.focus();
      await page.keyboard.press('Enter');
      const screen = page.getByRole('alertdialog');
      await screen.waitFor();
      // en-US: 911 to call, and 988 to call or to text.
      assert.equal(await screen.locator('a[href="tel:911"]').count(), 1, '911 dials');
      assert.equal(await screen.locator('a[href="tel:988"]').count(), 1, '988 dials');
      assert.equal(await screen.locator('a[href="sms:988"]').count(), 1, '988 takes texts');
      const inside = await page.evaluate(() => document.getElementById('crisis-screen')?.contains(document.activeElement));
      assert.ok(inside, 'focus moved into the screen');
      if (size.name === 'phone') {
        const wide = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
        assert.equal(wide, false, 'no sideways scrolling at 390 px');
      }
      await screenshot(page, `urgent ${size.name} help now signed out`, false);
      await page.keyboard.press('Escape');
      assert.equal(await page.locator('#crisis-screen').count(), 0, 'Escape closes it');
      assert.ok(await help.evaluate((b) => b === document.activeElement), 'focus back on Help now');
      // The sign-in page says where help is too, without an account.
      const onPage = page.getByRole('button', { name: 'Emergency and crisis numbers' });
      await onPage.click();
      await page.getByRole('alertdialog').locator('a[href="tel:911"]').waitFor();
      await page.getByRole('button', { name: /I have read this/ }).click();
      assert.equal(await page.locator('#crisis-screen').count(), 0);
      assert.ok(await onPage.evaluate((b) => b === document.activeElement), 'focus back on the button');
    });

    step('a seizure opens the urgent screen with the emergency number; Today is paused', async () => {
      await signUp('seizure', 'GB');
      await post('/regimen', { regimen: 'clonazepam 0.5mg@08:00, 0.5mg@20:00', weeks_on_regimen: 52 });
      await post('/plans', { strategy: 'fraction', cut: '10%', every: '14d' });
      const screen = await checkInWithFlag('A seizure (fit)');
      await screen.getByRole('heading', { name: 'Get medical help now' }).waitFor();
      assert.match(await screen.innerText(), /You reported a seizure \(fit\)/);
      assert.equal(await screen.locator('a[href="tel:999"]').count(), 1, '999 (GB) dials from the urgent screen');
      assert.equal(await screen.locator('a[href="sms:85258"]').count(), 1, 'Shout is a text line');
      await screenshot(page, `urgent ${size.name} seizure screen`, false);
      const pause = await closeByEscapeAndSeePause();
      const words = await pause.innerText();
      assert.match(words, /Your plan is paused since/);
      assert.match(words, /a seizure \(fit\)/);
      assert.match(words, /no further cuts/, 'what it means');
      assert.match(words, /no set end/, 'how long');
      assert.match(words, /How it ends: check in on a day after/, 'how it ends');
      assert.match(words, /no check-in after/, 'why it cannot be resumed yet');
      assert.equal(await pause.getByRole('button', { name: 'Resume my plan' }).count(), 0);
      assert.equal(await page.locator('[data-testid=doses]').count(), 1, 'one dose list');
      assert.doesNotMatch(await page.locator('.lead').innerText(), /Next change/);
      // The review on the page is urgent too, and the screen comes back on request.
      await go(page, '/today');
      await page.locator('[data-testid=pause]').waitFor();
      await signOut();
    });

    for (const [tag, label] of [
      ['confusion', 'Confusion'],
      ['hallucinations', 'Seeing or hearing things that are not there'],
    ]) {
      step(`${tag} opens the same urgent screen`, async () => {
        await signUp(tag, 'US');
        await post('/regimen', { regimen: 'lorazepam 1mg@08:00, 1mg@20:00', weeks_on_regimen: 30 });
        const screen = await checkInWithFlag(label);
        await screen.getByRole('heading', { name: 'Get medical help now' }).waitFor();
        assert.equal(await screen.locator('a[href="tel:911"]').count(), 1, '911 dials');
        assert.match(await screen.innerText(), tag === 'confusion' ? /You reported confusion/ : /You reported hallucinations/);
        const review = page.locator('[data-testid=review]');
        assert.match(await review.innerText(), /Please get help now/);
        // Closed by its button this time: focus goes back into the page.
        await screen.getByRole('button', { name: /I have read this/ }).click();
        await page.locator('[data-testid=pause]').waitFor();
        await signOut();
      });
    }

    step('PHQ-9 item 9 opens the crisis screen, Escape closes it', async () => {
      await signUp('phq9', 'US');
      await go(page, '/questionnaires/phq9');
      const questions = page.locator('fieldset.question');
      await questions.first().waitFor();
      const n = await questions.count();
      for (let i = 0; i < n; i += 1) await questions.nth(i).getByLabel(i === 8 ? 'Several days' : 'Not at all').check();
      const submit = page.getByRole('button', { name: 'See my score' });
      await submit.click();
      const screen = page.getByRole('alertdialog');
      await screen.waitFor();
      assert.equal(await screen.locator('a[href="tel:911"]').count(), 1);
      assert.equal(await screen.locator('a[href="tel:988"]').count(), 1);
      assert.equal(await screen.locator('a[href="sms:988"]').count(), 1, '988 takes texts');
      await page.keyboard.press('Escape');
      assert.equal(await page.locator('#crisis-screen').count(), 0);
      const today = await (await page.request.get(api(`people/${person.id}/today`))).json();
      assert.equal(today.paused, true, 'item 9 pauses the plan too');
      await signOut();
    });

    step('while paused: one dose list, the kept dose, a new plan waits; resume after a calm check-in', async () => {
      await signUp('resume', 'GB');
      await post('/regimen', { regimen: 'clonazepam 0.5mg@08:00, 0.5mg@20:00', weeks_on_regimen: 52 });
      // Yesterday a seizure (logged late): the plan is paused since yesterday.
      const urgent = await post('/check-ins', { date: isoDay(-1), red_flags: ['seizure'] });
      assert.equal(urgent.review.decision.kind, 'urgent');
      // A new plan saved today, which starts lower: Today must not list it beside "paused".
      await post('/plans', { strategy: 'fraction', cut: '10%', every: '14d' });
      await post('/doses', { planned_time: '08:00', drug: 'clonazepam' });
      await page.reload();
      const pause = page.locator('[data-testid=pause]');
      await pause.waitFor();
      assert.equal(await page.locator('[data-testid=doses]').count(), 1, 'one dose list');
      const doses = await page.locator('[data-testid=doses]').innerText();
      assert.match(doses, /clonazepam 0\.5 mg/, 'the kept dose');
      assert.doesNotMatch(doses, /0\.45 mg|0\.4 mg/, 'not the new plan');
      assert.match(await pause.innerText(), /no check-in after/);

      // A calm check-in today: the card offers the resume without a reload.
      await page.getByRole('button', { name: /Save check-in/ }).click();
      await page.locator('[data-testid=review]').getByRole('heading').first().waitFor();
      assert.equal(await page.locator('#crisis-screen').count(), 0, 'no urgent screen without a red flag');
      await pause.getByRole('button', { name: 'Resume my plan' }).waitFor();
      assert.match(await pause.innerText(), /reported none of these signs/);
      // Without a reason: a sentence, not a field id.
      await pause.getByRole('button', { name: 'Resume my plan' }).click();
      await pause.getByText('Say in a few words why the plan resumes, e.g. what your prescriber advised.').waitFor();
      await pause.getByLabel(/My clinician does/).check();
      await pause.getByLabel('Why the plan resumes').fill('Seen by Dr Rao today: carry on');
      await pause.getByRole('button', { name: 'Resume my plan' }).click();
      const resumed = page.locator('[data-testid=resumed]');
      await resumed.waitFor();
      assert.match(await resumed.innerText(), /resumed by your clinician/);
      assert.equal(await page.locator('[data-testid=pause]').count(), 0, 'no longer paused');
      assert.match(await page.locator('.lead').innerText(), /Step 1 of \d+/);
      assert.equal(await page.locator('[data-testid=doses]').count(), 1, 'still one dose list');
      // The 08:00 dose was logged as 0.5 mg before the new plan took over: it says so, whatever
      // the new plan's 08:00 dose is.
      const morning = await page.locator('[data-testid=doses] li', { hasText: '08:00' }).first().innerText();
      assert.match(morning, /Taken/);
      assert.match(morning, /clonazepam 0\.5 mg|0\.5 mg, as logged/, morning);
      await screenshot(page, `urgent ${size.name} resumed`, true);
      await signOut();
    });
  });
}
