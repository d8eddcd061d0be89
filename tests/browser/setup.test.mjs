// setup.test.mjs: issue 12's acceptance scenario. From an empty database (pok init, the
// CBS municipalities imported and the first beheerder made with pok user add, as
// docs/deploy.md installs pok: the only command-line steps) a beheerder adds a financial adviser in the web; the adviser sets up
// Vlieland (GM0096, no records) entirely in the browser: a source with its PDF, the
// allocations pasted into the grid, a pot, two measures with their plans, the reserve's
// opening balance, a decision, realised amounts for 2024 and the closing of 2024. The
// coverage (the JSON API and the page's table) then holds the figures computed below
// from the numbers typed, and the change log lists the steps.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import path from 'node:path';
import { followLink, root, rowCells, startBrowser, startPok, submit,
  watchedPage } from './lib.mjs';

const CODE = 'GM0096';
const ADMIN = { name: 'bea', password: 'beheer-wachtwoord-1' };
const ADVISER = { name: 'fenna', password: 'adviseur-wachtwoord-2' };

// What the adviser types, and from it the figures the coverage must hold. One pot holds
// actielijnen 2 and 4; 2024 is closed with its realised amounts.
const YEARS = [2024, 2025, 2026];
const ALLOCATIONS = { // actielijn -> year -> euros, pasted as a spreadsheet copies them
  2: { 2024: 20000, 2025: 20000, 2026: 20000 },
  4: { 2024: 30000, 2025: 35000, 2026: 30000 },
};
const ACTIELIJN_NAMES = { 2: '2. Rechtsbescherming', 4: '4. Versterking wijkteams' };
const MEASURES = [
  { name: 'Sociaal raadslieden op het eiland', actielijn: 2,
    plan: { 2024: 25000, 2025: 30000, 2026: 20000 }, realised: { 2024: 20000 } },
  { name: 'Versterking wijkteam Vlieland', actielijn: 4,
    plan: { 2024: 31000, 2025: 25000, 2026: 30000 }, realised: { 2024: 26000 } },
];
const OPENING = { year: 2024, euros: 12000 };
const CLOSED_YEAR = 2024;
const POT = 'Rechtsbescherming en wijkteams';
const DECISION = 'Jaarrekening 2024';

// Dutch amounts as the grid shows them: 20000 -> "20.000"
function euros(n) {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}
// Rows of amounts per year as tab-separated text with a header of years.
function pasted(rows) {
  let text = `Actielijn\t${YEARS.join('\t')}\n`;
  for (const [row, byYear] of Object.entries(rows))
    text += `${ACTIELIJN_NAMES[row]}\t${YEARS.map((y) => euros(byYear[y])).join('\t')}\n`;
  return text;
}

// The figures per year, in cents, as the coverage must give them: allocation the pasted
// cells, planned and realised the measures' amounts, spending the realisation of the
// closed year and the plan of an open one; the closed year's unspent allocation is
// unexplained (no decision puts it in the reserve); the opening balance is not spent by
// any year (each open year spends exactly its allocation), so it is without destination,
// counted in its own year.
const cents = (euros) => euros * 100;
const sum = (f) => (year) => Object.values(f).reduce((t, v) => t + (v[year] ?? 0), 0);
const EXPECTED = Object.fromEntries(YEARS.map((y) => {
  const allocation = cents(sum(ALLOCATIONS)(y));
  const planned = cents(MEASURES.reduce((t, m) => t + (m.plan[y] ?? 0), 0));
  const realised = cents(MEASURES.reduce((t, m) => t + (m.realised[y] ?? 0), 0));
  const closed = y === CLOSED_YEAR;
  const spending = closed ? realised : planned;
  const row = { closed, allocation, planned, realised, spending,
    unexplained: closed ? Math.max(allocation - spending, 0) : 0,
    unplanned: y === OPENING.year ? cents(OPENING.euros) : 0 };
  if (y === OPENING.year) row.reserveStart = cents(OPENING.euros);
  return [y, row];
}));

let pok, chrome;
before(async () => {
  pok = await startPok({
    empty: true,
    prepare: (run) => {
      // what installing pok does (docs/deploy.md): the CBS list of municipalities, then the
      // first beheerder; everything after this happens in the browser. (Without --year:
      // with --year 2025 the codes are valid from 2025 only and 2024's allocations refused.)
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

// Choose the source uploaded in step 2 in the form's "Bron" list, by its title.
const SOURCE_TITLE = 'Raadsvoorstel POK-middelen 2024-2027';
async function chooseSource(page, field = 'bron') {
  const select = page.locator(`[name="${field}"]`);
  const label = (await select.locator('option').allInnerTexts()).find((t) => t.includes(SOURCE_TITLE));
  assert.ok(label, `the source is offered in ${field} on ${page.url()}`);
  await select.selectOption({ label });
}

// A financial change: "Controleren", the confirmation page, "Bevestigen en opslaan".
async function confirmChange(page) {
  let resp = await submit(page, 'Controleren');
  assert.equal(resp.status(), 200, `the confirmation step of ${page.url()}`);
  await page.getByRole('heading', { level: 1, name: 'Controleer de wijziging' }).waitFor();
  resp = await submit(page, 'Bevestigen en opslaan');
  assert.equal(resp.status(), 200);
}

// The coverage table's cell of a row and a year; a closed year's heading carries a mark
// ("2024*"), so the column is the one whose heading starts with the year.
async function yearCell(page, rowLabel, year) {
  return page.evaluate(([rowLabel, year]) => {
    for (const table of document.querySelectorAll('table')) {
      const heads = [...table.querySelectorAll('thead th')].map((th) => th.textContent.trim());
      const col = heads.findIndex((h) => new RegExp(`^${year}(\\D|$)`).test(h));
      if (col < 0) continue;
      for (const tr of table.querySelectorAll('tbody tr')) {
        const cells = [...tr.children];
        if (cells[0]?.textContent.trim() === rowLabel && cells[col]) return cells[col].textContent.trim();
      }
    }
    return null;
  }, [rowLabel, year]);
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
  assert.match(page.url(), /\/gebruikers$/, 'back on the list of accounts');
  assert.equal(await savedMessage(page), `Gebruiker '${ADVISER.name}' toegevoegd als redacteur van ${CODE}`);
  assert.match(await page.locator('#gebruikers').innerText(), new RegExp(`${ADVISER.name}\\s+redacteur\\s+${CODE}`));
  await logOut(page);

  // 2. the adviser: a source with its PDF
  await logIn(page, ADVISER);
  assert.match(page.url(), new RegExp(`/gemeente/${CODE}$`), 'the adviser lands on the municipality');
  await followLink(page, new RegExp(`^/gemeente/${CODE}/bron/nieuw$`));
  const pdf = minimalPdf('Raadsvoorstel POK-middelen Vlieland');
  const sha256 = crypto.createHash('sha256').update(pdf).digest('hex');
  await page.locator('[name="soort"]').selectOption('raadsvoorstel');
  await page.locator('[name="titel"]').fill(SOURCE_TITLE);
  await page.locator('[name="kenmerk"]').fill('RV-2024-17');
  await page.locator('[name="datum"]').fill('2024-03-12');
  await page.locator('[name="bestand"]').setInputFiles(
    { name: 'raadsvoorstel-pok.pdf', mimeType: 'application/pdf', buffer: pdf });
  resp = await submit(page, 'Opslaan');
  assert.equal(resp.status(), 200);
  assert.match(page.url(), new RegExp(`/gemeente/${CODE}/bron/\\d+$`), 'the new source opens');
  assert.equal(await savedMessage(page),
    `Bron '${SOURCE_TITLE}' opgeslagen, met het bestand raadsvoorstel-pok.pdf`);
  assert.match(await page.locator('main').innerText(), new RegExp(sha256), 'its SHA-256 is shown');
  const download = await page.request.get(new URL(await fileLink(page), page.url()).href);
  assert.equal(download.status(), 200);
  assert.ok(Buffer.from(await download.body()).equals(pdf), 'the download is the file uploaded');

  // 3. allocations pasted into the grid
  await followLink(page, new RegExp(`^/gemeente/${CODE}$`));
  await followLink(page, new RegExp(`^/gemeente/${CODE}/toekenningen/invoeren$`));
  await page.locator('[name="plakken"]').fill(pasted(ALLOCATIONS));
  resp = await submit(page, 'Overnemen');
  assert.equal(resp.status(), 200);
  for (const [row, label] of Object.entries(ACTIELIJN_NAMES))
    for (const year of YEARS)
      assert.equal(await page.getByRole('textbox', { name: `${label}, ${year}`, exact: true }).inputValue(),
        euros(ALLOCATIONS[row][year]), `the pasted cell ${label}, ${year}`);
  await chooseSource(page);
  await page.locator('[name="plaats"]').fill('bijlage 1, tabel toekenningen');
  await confirmChange(page);
  assert.match(page.url(), new RegExp(`/gemeente/${CODE}$`));
  assert.match(await savedMessage(page),
    /^6 toekenningen opgeslagen: 2\. Rechtsbescherming, 2024: € 20\.000; 2\. Rechtsbescherming, 2025: € 20\.000; /);

  // 4. a pot of actielijnen 2 and 4
  await followLink(page, new RegExp(`^/gemeente/${CODE}/pot/nieuw$`));
  await page.locator('[name="naam"]').fill(POT);
  for (const label of Object.values(ACTIELIJN_NAMES))
    await page.getByRole('checkbox', { name: label, exact: true }).check();
  await chooseSource(page);
  resp = await submit(page, 'Opslaan');
  assert.equal(resp.status(), 200);
  assert.equal(await savedMessage(page), `Pot '${POT}' opgeslagen (actielijnen 2 en 4)`);

  // two measures, each with its plan per year in the amounts grid
  const measureUrls = [];
  for (const [i, m] of MEASURES.entries()) {
    await followLink(page, new RegExp(`^/gemeente/${CODE}$`));
    await followLink(page, new RegExp(`^/gemeente/${CODE}/maatregel/nieuw$`));
    await page.locator('[name="naam"]').fill(m.name);
    await page.locator('[name="status"]').selectOption('lopend');
    await page.locator('[name="pot"]').selectOption({ label: POT });
    await page.getByRole('checkbox', { name: ACTIELIJN_NAMES[m.actielijn], exact: true }).check();
    await chooseSource(page);
    resp = await submit(page, 'Opslaan');
    assert.equal(resp.status(), 200);
    assert.equal(await savedMessage(page), `Maatregel '${m.name}' opgeslagen`);
    // a new measure opens its own page, where its amounts are entered
    assert.match(new URL(page.url()).pathname, /^\/maatregel\/\d+$/);
    assert.ok((await page.locator('h1').innerText()).startsWith(m.name));
    measureUrls.push(page.url());
    await followLink(page, /^\/maatregel\/\d+\/bedragen$/);
    if (i === 0) { // the first pasted from a spreadsheet, the second typed cell by cell
      await page.locator('[name="plakken"]').fill(
        `Bedrag\t${YEARS.join('\t')}\nGepland\t${YEARS.map((y) => euros(m.plan[y])).join('\t')}\n`);
      resp = await submit(page, 'Overnemen');
      assert.equal(resp.status(), 200);
    } else {
      for (const y of YEARS)
        await page.getByRole('textbox', { name: `Gepland, ${y}`, exact: true }).fill(euros(m.plan[y]));
    }
    for (const y of YEARS)
      assert.equal(await page.getByRole('textbox', { name: `Gepland, ${y}`, exact: true }).inputValue(),
        euros(m.plan[y]));
    await chooseSource(page);
    await confirmChange(page);
    assert.equal(page.url(), measureUrls[i], 'back on the measure');
    assert.equal(await savedMessage(page), `3 bedragen van '${m.name}' opgeslagen: ` +
      YEARS.map((y) => `Gepland, ${y}: € ${euros(m.plan[y])}`).join('; '));
  }

  // the reserve's opening balance
  await followLink(page, new RegExp(`^/gemeente/${CODE}$`));
  await followLink(page, new RegExp(`^/gemeente/${CODE}/reserve/nieuw$`));
  await page.locator('[name="soort"]').selectOption('beginstand');
  await page.locator('[name="jaar"]').fill(String(OPENING.year));
  await page.locator('[name="bedrag"]').fill(euros(OPENING.euros));
  await page.locator('[name="pot"]').selectOption({ label: POT });
  await page.locator('[name="omschrijving"]').fill('Restant POK 2021-2023');
  await chooseSource(page);
  await confirmChange(page);
  assert.equal(await savedMessage(page), 'Beginstand van de reserve, 2024, opgeslagen: € 12.000');

  // the council's decision on the accounts of 2024
  await followLink(page, new RegExp(`^/gemeente/${CODE}/besluit/nieuw$`));
  await page.locator('[name="datum"]').fill('2025-07-03');
  await page.locator('[name="orgaan"]').selectOption('raad');
  await page.locator('[name="titel"]').fill(DECISION);
  await page.locator('[name="kenmerk"]').fill('RB-2025-31');
  await page.locator('[name="uitkomst"]').fill('vastgesteld');
  await chooseSource(page);
  resp = await submit(page, 'Opslaan');
  assert.equal(resp.status(), 200);
  assert.equal(await savedMessage(page), `Besluit '${DECISION}' van 2025-07-03 opgeslagen`);

  // realised amounts of 2024, typed into each measure's amounts grid
  for (const [i, m] of MEASURES.entries()) {
    await followLink(page, new RegExp(`^/gemeente/${CODE}/maatregelen$`));
    await Promise.all([page.waitForNavigation(),
      page.getByRole('link', { name: m.name, exact: true }).click()]);
    assert.equal(page.url(), measureUrls[i]);
    await followLink(page, /^\/maatregel\/\d+\/bedragen$/);
    await page.getByRole('textbox', { name: `Gerealiseerd, ${CLOSED_YEAR}`, exact: true })
      .fill(euros(m.realised[CLOSED_YEAR]));
    await chooseSource(page);
    const decision = page.locator('[name="besluit"]');
    await decision.selectOption({ label:
      (await decision.locator('option').allInnerTexts()).find((t) => t.includes(DECISION)) });
    await confirmChange(page);
    assert.equal(await savedMessage(page), `1 bedrag van '${m.name}' opgeslagen: ` +
      `Gerealiseerd, ${CLOSED_YEAR}: € ${euros(m.realised[CLOSED_YEAR])}`);
  }

  // closing 2024
  await followLink(page, new RegExp(`^/gemeente/${CODE}$`));
  await followLink(page, new RegExp(`^/gemeente/${CODE}/jaar/afsluiten$`));
  await page.locator('[name="jaar"]').selectOption(String(CLOSED_YEAR));
  await chooseSource(page);
  await page.locator('[name="besluit"]').selectOption({ label: `raad 2025-07-03: ${DECISION}` });
  resp = await submit(page, 'Controleren');
  assert.equal(resp.status(), 200);
  await page.getByRole('heading', { level: 1, name: 'Controleer de wijziging' }).waitFor();
  assert.deepEqual(await rowCells(page, page.locator('main table').first(), `Onverklaard ${CLOSED_YEAR}`),
    [`Onverklaard ${CLOSED_YEAR}`, '€ 0', `€ ${euros(EXPECTED[CLOSED_YEAR].unexplained / 100)}`],
    'the confirmation shows what closing fixes');
  resp = await submit(page, 'Bevestigen en opslaan');
  assert.equal(resp.status(), 200);
  assert.match(page.url(), new RegExp(`/gemeente/${CODE}$`));
  assert.equal(await savedMessage(page),
    `Jaar ${CLOSED_YEAR} afgesloten: de gerealiseerde bedragen zijn voortaan de uitgaven van dat jaar`);

  // 5. the coverage holds the figures computed from what was typed
  const coverage = await page.evaluate(async (url) => {
    const r = await fetch(url, { headers: { Accept: 'application/json' } });
    return { status: r.status, body: await r.json() };
  }, `/api/v2/gemeenten/${CODE}/dekking`);
  assert.equal(coverage.status, 200);
  assert.equal(coverage.body.pots.length, 1, 'one pot');
  const pot = coverage.body.pots[0];
  assert.equal(pot.name, POT);
  assert.deepEqual(pot.actielijnen, [2, 4]);
  const got = {};
  for (const y of pot.years) {
    got[y.year] = { closed: y.closed, allocation: y.allocation_cents, planned: y.planned_cents,
      realised: y.realised_cents, spending: y.spending_cents, unexplained: y.unexplained_cents,
      unplanned: y.unplanned_cents };
    if (y.year === OPENING.year) got[y.year].reserveStart = y.reserve_start_cents;
  }
  assert.deepEqual(got, EXPECTED, 'the coverage per year');

  // the page's coverage table says the same
  assert.equal(await yearCell(page, 'Niet besteed, onverklaard', CLOSED_YEAR),
    `€ ${euros(EXPECTED[CLOSED_YEAR].unexplained / 100)}`);
  assert.equal(await yearCell(page, 'Zonder bestemming', OPENING.year), `€ ${euros(OPENING.euros)}`);

  // and the change log lists every step
  await followLink(page, new RegExp(`^/gemeente/${CODE}/wijzigingen$`));
  const byAdviser = await page.evaluate((who) => {
    for (const table of document.querySelectorAll('table')) {
      const col = [...table.querySelectorAll('thead th')].findIndex((th) => th.textContent.trim() === 'Wie');
      if (col < 0) continue;
      return [...table.querySelectorAll('tbody tr')]
        .filter((tr) => tr.children[col]?.textContent.trim() === who).length;
    }
    return -1;
  }, ADVISER.name);
  // the source and its file, 6 allocations, the pot, 2 measures with 3 plans each, the
  // opening balance, the decision, 2 realised amounts and the closed year
  assert.equal(byAdviser, 2 + 6 + 1 + 2 * (1 + YEARS.length) + 1 + 1 + 2 + 1,
    'every step is in the change log under the adviser');
  const log = await page.locator('main').innerText();
  for (const name of [SOURCE_TITLE, 'raadsvoorstel-pok.pdf', POT, ...MEASURES.map((m) => m.name), DECISION])
    assert.ok(log.includes(name), `the change log names ${name}`);
  assert.doesNotMatch(log, /source_file|_id:|_cents/, 'no internal names in the change log');
  assert.deepEqual(problems, [], 'no console errors, CSP violations or dialogs');
  await page.close();
});
