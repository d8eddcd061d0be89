// grid.test.mjs: the allocation grid in a real browser, without JavaScript of pok's own.
// A user opens Overbetuwe's grid from its page, pastes cells as Excel puts them on the
// clipboard (tab-separated, a header of years and a first column naming the row), takes
// them over (nothing saved), first with a value that is not an amount (422, the message
// names row, column and value), then good ones; confirms; and sees 2027's money without
// a destination grow from 180.000 to 200.000, with the message of what was saved.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { axeViolations, followLink, startBrowser, startPok, submit, tableCell,
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

test('allocations pasted into the grid change the coverage after confirming', { timeout: 120000 }, async () => {
  const { page, problems } = await watchedPage(chrome.browser);
  await page.goto(new URL('/gemeente/GM1734', pok.url).href);
  assert.equal(await tableCell(page, UNPLANNED, '2027'), '€ 180.000');
  await followLink(page, /\/gemeente\/GM1734\/toekenningen\/invoeren$/);
  const cell = page.getByRole('textbox', { name: 'Niet verdeeld over actielijnen, 2027', exact: true });
  assert.equal(await cell.inputValue(), '180.000', 'the grid shows the current figure');
  assert.deepEqual(await axeViolations(page), [], 'the grid is accessible');

  const paste = page.locator('[name="plakken"]');
  await paste.fill('\t2026\t2027\nNiet verdeeld\t180.000\tveel\n');
  let resp = await submit(page, 'Overnemen');
  assert.equal(resp.status(), 422);
  const message = (await page.locator('#veld-plakken-error').innerText()).trim();
  assert.match(message, /Regel 2, kolom 3 \(2027\): 'veel' is niet te lezen als bedrag/);
  assert.equal(await cell.inputValue(), '180.000', 'a refused paste fills nothing');
  assert.deepEqual(await axeViolations(page), [], 'the error state is accessible');

  await paste.fill('\t2026\t2027\nNiet verdeeld\t180.000\t€ 200.000,00\n');
  resp = await submit(page, 'Overnemen');
  assert.equal(resp.status(), 200);
  assert.equal(await cell.inputValue(), '200.000', 'the pasted cell is in the grid');
  assert.equal(await paste.inputValue(), '', 'the paste was taken over');
  await page.locator('[name="bron"]').selectOption({ index: 1 });

  resp = await submit(page, 'Controleren');
  assert.equal(resp.status(), 200);
  await page.getByRole('heading', { level: 1, name: 'Controleer de wijziging' }).waitFor();
  const change = await page.locator('main table').first().innerText();
  assert.match(change, /Niet verdeeld over actielijnen, 2027\s+€ 180\.000\s+€ 200\.000/);
  assert.doesNotMatch(change, /2026/, 'an unchanged cell is not a change');
  assert.deepEqual(await axeViolations(page), [], 'the confirmation step is accessible');

  resp = await submit(page, 'Bevestigen en opslaan');
  assert.equal(resp.status(), 200);
  assert.match(page.url(), /\/gemeente\/GM1734$/);
  assert.equal(await tableCell(page, UNPLANNED, '2027'), '€ 200.000', '180.000 + 20.000');
  assert.match(await page.locator('[role="status"]').innerText(),
    /1 toekenning opgeslagen: Niet verdeeld over actielijnen, 2027: € 200\.000/);
  assert.deepEqual(problems, [], 'no console errors, CSP violations or dialogs');
  await page.close();
});
