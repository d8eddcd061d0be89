// acceptance.test.mjs: the scenario of issue 3 in a real browser. A user opens the demo,
// adds a measure with a plan for 2027 in Overbetuwe (GM1734) through the forms, including
// the confirmation step, and sees the 180.000 unplanned money of 2027 shrink by that
// amount; a wrong amount ("12,345.6x") gives a Dutch error next to the field and saves
// nothing.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { axeViolations, followLink, openForm, startBrowser, startPok, submit, tableCell,
  watchedPage } from './lib.mjs';

const UNPLANNED = 'Zonder bestemming';
let pok, chrome;
before(async () => {
  pok = await startPok();
  chrome = await startBrowser();
});
after(async () => {
  await chrome?.close();
  await pok?.stop();
});

// The 2027 unplanned money of Overbetuwe as the municipality page shows it now.
async function unplanned2027(browser) {
  const p = await browser.newPage();
  await p.goto(new URL('/gemeente/GM1734', pok.url).href);
  const text = await tableCell(p, UNPLANNED, '2027');
  await p.close();
  return text;
}

test('a measure with a plan for 2027 shrinks the unplanned money of Overbetuwe', { timeout: 120000 }, async () => {
  const { page, problems } = await watchedPage(chrome.browser);
  await page.goto(pok.url);
  await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: 'Overbetuwe', exact: true }).click()]);
  assert.match(page.url(), /\/gemeente\/GM1734$/);
  assert.equal(await tableCell(page, UNPLANNED, '2027'), '€ 180.000');

  // the measures of Overbetuwe, then the form for a new one
  if (!(await page.$('a[href$="/maatregel/nieuw"]'))) await followLink(page, /\/gemeente\/GM1734\/maatregelen$/);
  await openForm(page, /\/gemeente\/GM1734\/maatregel\/nieuw$/, '/gemeente/GM1734/maatregel/nieuw');
  await page.locator('[name="naam"]').fill('Schuldhulp op locatie');
  await page.locator('[name="partner"]').fill('Stichting Thuis in Geld');
  let resp = await submit(page, 'Opslaan');
  assert.equal(resp.status(), 200);
  assert.match(page.url(), /\/maatregel\/\d+$/, 'after saving the measure its page opens');
  const measureUrl = page.url();
  await page.getByRole('heading', { level: 1, name: /Schuldhulp op locatie/ }).waitFor();

  // a plan amount for 2027; first a wrong amount
  await openForm(page, /\/maatregel\/\d+\/bedrag$/, `${new URL(measureUrl).pathname}/bedrag`);
  await page.locator('[name="soort"]').selectOption('plan');
  await page.locator('[name="jaar"]').fill('2027');
  await page.locator('[name="bedrag"]').fill('12,345.6x');
  resp = await submit(page, 'Controleren');
  assert.equal(resp.status(), 422, 'a wrong amount answers 422');
  const field = page.locator('.utrecht-form-field--invalid', { has: page.locator('[name="bedrag"]') });
  assert.equal(await field.count(), 1, 'the amount field is marked invalid');
  const message = (await field.locator('.utrecht-form-field-error-message').innerText()).trim();
  // "Bedrag: <what is wrong, in Dutch> (gelezen: '12,345.6x')"
  assert.match(message, /^Bedrag: .*\b(cijfers|komma|teken|tekens|verwacht|bedrag)\b.* \(gelezen: '12,345\.6x'\)$/,
    `a Dutch message next to the field: ${message}`);
  assert.equal(await page.locator('[name="bedrag"]').getAttribute('aria-invalid'), 'true');
  assert.match(await page.locator('[name="bedrag"]').getAttribute('aria-describedby'), /veld-bedrag-error/);
  assert.equal(await page.locator('[name="bedrag"]').inputValue(), '12,345.6x', 'what was typed stays');
  // the only error is the amount; the summary on top links to the field
  assert.equal(await page.locator('.utrecht-form-field--invalid').count(), 1);
  assert.equal(await page.locator('.form-summary a[href="#veld-bedrag"]').count(), 1);
  assert.deepEqual(await axeViolations(page), [], 'the error state is accessible');
  assert.equal(await unplanned2027(chrome.browser), '€ 180.000', 'nothing was saved');

  // a good amount: the confirmation step shows the change, and saves nothing yet
  await page.locator('[name="bedrag"]').fill('50.000');
  resp = await submit(page, 'Controleren');
  assert.equal(resp.status(), 200);
  await page.getByRole('heading', { level: 1, name: 'Controleer de wijziging' }).waitFor();
  assert.match(await page.locator('main').innerText(), /€ 50\.000/);
  assert.deepEqual(await axeViolations(page), [], 'the confirmation step is accessible');
  assert.equal(await unplanned2027(chrome.browser), '€ 180.000', 'not saved before confirming');

  resp = await submit(page, 'Bevestigen en opslaan');
  assert.equal(resp.status(), 200);
  // back where the form was opened, the measure's page, with a message saying what was saved
  assert.equal(page.url(), measureUrl, 'after saving, back on the measure');
  assert.match(await page.locator('[role="status"]').innerText(), /opgeslagen: € 50\.000/);
  await page.goto(new URL('/gemeente/GM1734', pok.url).href);
  assert.equal(await tableCell(page, UNPLANNED, '2027'), '€ 130.000', '180.000 - 50.000');
  assert.equal(await tableCell(page, 'Uitgaven (begroot of gerealiseerd)', '2027'), '€ 50.000');
  // the years before are unchanged
  assert.equal(await tableCell(page, UNPLANNED, '2026'), '€ 0');
  assert.equal(await tableCell(page, 'Onttrekking uit reserve', '2024'), '€ 224.500');

  // the measure shows its plan
  await page.goto(measureUrl);
  assert.match(await page.locator('main').innerText(), /2027[\s\S]*€ 50\.000/);
  assert.deepEqual(problems, [], 'no console errors, CSP violations or dialogs');
  await page.close();
});
