// read_progress.test.mjs: a scan read in the web (issue 13, "a visible progress state while
// a scan is OCR'd"). pok serve runs with --read-wait 0, so every upload goes to the page
// that shows how far the reading is; that page reloads itself (the Refresh header, no
// JavaScript) until the read page replaces it. The scan: a page of Overbetuwe's table with
// its wrong total, rendered with groff and rasterised with noise (as tests/cli/t_read_input.sh
// does), so the read page must also report 596.437 against 634.500.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { axeViolations, htmlProblems, root, startBrowser, startPok, submit,
  watchedPage } from './lib.mjs';

const CODE = 'GM1734';
const EDITOR = { name: 'otto', password: 'redacteur-wachtwoord-3' };
const COLLEAGUE = { name: 'olaf', password: 'redacteur-wachtwoord-4' };

// A one-page scanned PDF in dir; returns its bytes.
function makeScan(dir) {
  const ms = `.LP
Gemeente Overbetuwe, raadsvoorstel, 1 oktober 2024.
.LP
Over de periode 2024 en 2025 is het volgende beschikbaar aan POK-gelden:
.TS
tab(;);
l r r.
Beschikbare POK-middelen;2024;2025
Restant POK 2021-2023;459.500;0
POK middelen;175.000;180.000
Totaal;596.437;180.000
.TE
`;
  fs.writeFileSync(path.join(dir, 'rv.ms'), ms);
  const sh = (cmd) => {
    const r = spawnSync('sh', ['-c', cmd], { cwd: dir, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`${cmd}: ${r.stderr}`);
  };
  sh('groff -ms -t -Tpdf rv.ms > rv.pdf');
  sh('pdftoppm -r 200 -gray -png rv.pdf page');
  sh('for p in page-*.png; do convert -seed 3 "$p" -background white -rotate 0.6 ' +
     '-attenuate 0.3 +noise Gaussian -quality 80 "${p%.png}.jpg"; done');
  sh(`python3 ${path.join(root, 'tests/cli/tools/img_pdf.py')} scan.pdf 200 page-*.jpg`);
  return fs.readFileSync(path.join(dir, 'scan.pdf'));
}

let pok, chrome, dir;
before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pok-scan-'));
  pok = await startPok({
    empty: true,
    serveArgs: ['--read-wait', '0'],
    prepare: (run) => {
      run(['municipality', 'add', CODE, 'Overbetuwe']);
      for (const who of [EDITOR, COLLEAGUE])
        run(['user', 'add', who.name, '--role', 'redacteur', '--municipality', CODE],
          `${who.password}\n`);
    },
  });
  chrome = await startBrowser();
});
after(async () => {
  await chrome?.close();
  await pok?.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

test('a scan shows its progress, then its read page', { timeout: 300000 }, async () => {
  const scan = makeScan(dir);
  const { page, problems } = await watchedPage(chrome.browser);
  await page.goto(new URL('/inloggen', pok.url).href);
  await page.locator('[name="naam"]').fill(EDITOR.name);
  await page.locator('[name="wachtwoord"]').fill(EDITOR.password);
  await submit(page, 'Inloggen');
  await page.goto(new URL(`/gemeente/${CODE}/document/inlezen`, pok.url).href);
  await page.locator('[name="bestand"]').setInputFiles(
    { name: 'scan-overbetuwe.pdf', mimeType: 'application/pdf', buffer: scan });
  const resp = await submit(page, 'Document lezen');
  // after the post: the reading's own address, with its progress
  assert.match(page.url(), new RegExp(`/gemeente/${CODE}/document/inlezen\\?lezing=[0-9a-f]{64}$`));
  assert.equal(resp.status(), 200);
  const headers = resp.headers();
  assert.match(headers.refresh ?? '', /^2; url=\/gemeente\/GM1734\/document\/inlezen\?lezing=/);
  assert.match(headers['cache-control'] ?? '', /no-store/);
  assert.match(await page.locator('h1').innerText(), /Document wordt gelezen/);
  assert.match(await page.locator('[role="status"]').innerText(),
    /scan-overbetuwe\.pdf wordt gelezen/);
  assert.deepEqual(await axeViolations(page), [], 'axe on the progress page');
  assert.deepEqual(await htmlProblems(await resp.text(), 'the progress page'), []);

  // the page reloads itself until the reading is done
  await page.waitForFunction(() => document.querySelector('h1')?.textContent === 'Document gelezen',
    null, { timeout: 240000, polling: 500 });
  const main = await page.locator('main').innerText();
  assert.match(main, /scan-overbetuwe\.pdf is gelezen\. Er is nog niets opgeslagen/);
  assert.match(main, /596\.437/);
  assert.match(main, /634\.500/, 'the wrong total is reported, confirmed by the second reading');
  assert.ok(await page.locator('input[type="checkbox"][name="voorstel[]"]').count() > 0);

  // another session, even of an editor of the same municipality, does not get the reading
  const reading = page.url();
  await chrome.browser.clearCookies();
  await page.goto(new URL('/inloggen', pok.url).href);
  await page.locator('[name="naam"]').fill(COLLEAGUE.name);
  await page.locator('[name="wachtwoord"]').fill(COLLEAGUE.password);
  await submit(page, 'Inloggen');
  const again = await page.goto(reading);
  assert.equal(again.status(), 422);
  assert.match(await page.locator('main').innerText(), /deze lezing is niet meer beschikbaar/);
  assert.deepEqual(problems, []);
  await page.close();
});
