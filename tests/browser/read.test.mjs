// read.test.mjs: "Document inlezen" (issue 13). An editor of Olst-Wijhe (GM1773, no records
// yet) uploads seed 001, the municipality's letter with its table of allocations per
// actielijn (kept in tests/read/seeds/ with the evaluation set), sees the document's lines
// with the amounts marked and the proposals, accepts them, and the municipality's page
// shows the actielijn totals of the document; a second upload proposes nothing new. A
// bad file gets the reader's message and 422. A lezer (read-only) has a document checked:
// the findings, no proposals, nothing stored. The new pages pass axe and html-validate.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { axeViolations, followLink, htmlProblems, root, startBrowser, startPok, submit,
  watchedPage } from './lib.mjs';

const CODE = 'GM1773';
const EDITOR = { name: 'olga', password: 'redacteur-wachtwoord-1' };
const READER = { name: 'rik', password: 'raadslid-wachtwoord-2' };
const SEEDS = path.join(root, 'tests/read/seeds');
const LETTER = fs.readFileSync(path.join(SEEDS, '001_9b60cf839e529500.txt'));
const PROPOSAL = fs.readFileSync(path.join(SEEDS, '003_850704ef995bfaaf.txt'));
// The document's own totals per actielijn (its table, and "in totaal € 149.000").
const TOTALS = { 2: '€ 149.000', 3: '€ 38.000', 4: '€ 240.000', 5: '€ 31.000' };

let pok, chrome;
before(async () => {
  pok = await startPok({
    empty: true,
    prepare: (run) => {
      run(['municipality', 'add', CODE, 'Olst-Wijhe']);
      run(['user', 'add', EDITOR.name, '--role', 'redacteur', '--municipality', CODE],
        `${EDITOR.password}\n`);
      run(['user', 'add', READER.name, '--role', 'lezer', '--municipality', CODE],
        `${READER.password}\n`);
    },
  });
  chrome = await startBrowser();
});
after(async () => {
  await chrome?.close();
  await pok?.stop();
});

async function logIn(page, who) {
  await page.goto(new URL('/inloggen', pok.url).href);
  await page.locator('[name="naam"]').fill(who.name);
  await page.locator('[name="wachtwoord"]').fill(who.password);
  return submit(page, 'Inloggen');
}

async function upload(page, name, buffer, button) {
  await page.locator('[name="bestand"]').setInputFiles({ name, mimeType: 'text/plain', buffer });
  return submit(page, button);
}

// axe on the page, html-validate on the HTML pok sent (resp: the navigation's response).
async function checkPage(page, resp, what) {
  assert.deepEqual(await axeViolations(page), [], `axe on ${what}`);
  assert.deepEqual(await htmlProblems(await resp.text(), what), [], `html-validate on ${what}`);
}

// The Totaal cell of each actielijn's row in the allocations table of the page.
async function actielijnTotals(page) {
  return page.evaluate(() => {
    const out = {};
    for (const table of document.querySelectorAll('table')) {
      const caption = table.querySelector('caption')?.textContent ?? '';
      if (!caption.includes('Toekenningen per actielijn en jaar')) continue;
      for (const tr of table.querySelectorAll('tbody tr')) {
        const cells = [...tr.children].map((c) => c.textContent.trim());
        const m = cells[0].match(/^(\d)\./);
        if (m) out[m[1]] = cells[cells.length - 1];
      }
    }
    return out;
  });
}

test('an editor reads a document in and accepts its proposals', { timeout: 120000 }, async () => {
  const { page, problems } = await watchedPage(chrome.browser);
  await logIn(page, EDITOR);
  assert.match(page.url(), new RegExp(`/gemeente/${CODE}$`));
  await followLink(page, new RegExp(`^/gemeente/${CODE}/document/inlezen$`));
  await checkPage(page, await page.reload(), 'the upload form');

  // a bad file: the reader's message, 422, nothing kept
  let resp = await upload(page, 'leeg.txt', Buffer.alloc(0), 'Document lezen');
  assert.equal(resp.status(), 422);
  assert.match(await page.locator('main').innerText(), /leeg\.txt: het bestand is leeg/);
  await checkPage(page, resp, 'the upload form with the error');

  resp = await upload(page, 'brief-olst-wijhe.txt', LETTER, 'Document lezen');
  assert.equal(resp.status(), 200);
  const main = page.locator('main');
  assert.match(await main.innerText(), /Er is nog niets opgeslagen/);
  assert.ok(await page.locator('mark').count() > 0, 'the amounts are marked in the text');
  assert.match(await page.locator('mark').first().getAttribute('title'), /\S/);
  const boxes = page.locator('input[type="checkbox"][name="voorstel[]"]');
  assert.ok(await boxes.count() >= 24, 'every allocation of the table is proposed');
  assert.match(await main.innerText(), /Toegekend 2024, actielijn 2: € 0 wordt € 22\.000/);
  await checkPage(page, resp, 'the read page');

  resp = await submit(page, 'Geselecteerde voorstellen opslaan');
  assert.equal(resp.status(), 200);
  assert.match(page.url(), new RegExp(`/gemeente/${CODE}$`));
  assert.match(await page.locator('[role="status"]').innerText(),
    /gegevens uit brief-olst-wijhe\.txt opgeslagen, met het document als bron/);
  const totals = await actielijnTotals(page);
  for (const [n, total] of Object.entries(TOTALS))
    assert.equal(totals[n], total, `actielijn ${n} totals ${total}`);

  // the same document again: nothing new to propose
  await followLink(page, new RegExp(`^/gemeente/${CODE}/document/inlezen$`));
  resp = await upload(page, 'brief-olst-wijhe.txt', LETTER, 'Document lezen');
  assert.equal(resp.status(), 200);
  assert.equal(await page.locator('input[type="checkbox"][name="voorstel[]"]').count(), 0);
  assert.match(await main.innerText(), /Het document stelt geen nieuwe gegevens voor/);
  assert.match(await main.innerText(), /voorstellen uit dit document zijn eerder opgeslagen/);
  assert.deepEqual(problems, []);
  await page.close();
});

test('a lezer has a document checked and nothing is stored', { timeout: 120000 }, async () => {
  const { page, problems } = await watchedPage(chrome.browser);
  await logIn(page, READER);
  await page.goto(new URL(`/gemeente/${CODE}`, pok.url).href);
  const before = await page.locator('main').innerText();
  await followLink(page, new RegExp(`^/gemeente/${CODE}/document/inlezen$`));
  const resp = await upload(page, 'raadsvoorstel.txt', PROPOSAL, 'Document controleren');
  assert.equal(resp.status(), 200);
  const text = await page.locator('main').innerText();
  assert.match(text, /Er is niets opgeslagen/);
  assert.match(text, /Het totaal voor 2024 is € 596\.437, maar de bedragen erboven tellen op tot € 634\.500/);
  assert.equal(await page.getByRole('button', { name: 'Geselecteerde voorstellen opslaan' }).count(), 0);
  assert.equal(await page.locator('input[name="voorstel[]"]').count(), 0);
  await checkPage(page, resp, 'the checked page');
  // the page of the municipality is as it was
  await page.goto(new URL(`/gemeente/${CODE}`, pok.url).href);
  assert.equal(await page.locator('main').innerText(), before);
  // and the accept route is not the lezer's
  const refused = await page.request.post(new URL(`/gemeente/${CODE}/document/opslaan`, pok.url).href,
    { form: { bestand_token: 'x' }, maxRedirects: 0 });
  assert.ok([403, 303].includes(refused.status()), `opslaan refused (${refused.status()})`);
  assert.deepEqual(problems, []);
  await page.close();
});
