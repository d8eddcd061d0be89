// lib.mjs: what the browser tests share: a pok server on a fresh demo database, Debian's
// chromium driven by playwright-core (never a downloaded browser), axe-core and
// html-validate on a page.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { HtmlValidate } from 'html-validate';

const here = path.dirname(fileURLToPath(import.meta.url));
export const root = path.resolve(here, '../..');
const pokBin = path.resolve(root, process.env.POK || 'build/pok');
const axeSource = fs.readFileSync(path.join(root, 'node_modules/axe-core/axe.min.js'), 'utf8');
const htmlValidate = new HtmlValidate(
  JSON.parse(fs.readFileSync(path.join(here, '.htmlvalidate.json'), 'utf8')));

// A new, empty database: a file in dir, or with POK_TEST_PG (the maintenance database of
// the throwaway PostgreSQL of scripts/pgtest.sh) a new database on that server.
// Resolves with {db, drop}.
let pgDatabases = 0;
function newDatabase(dir) {
  const maintenance = process.env.POK_TEST_PG;
  if (!maintenance) return { db: path.join(dir, 'pok.db'), drop: () => {} };
  const name = `pok_b_${process.pid}_${++pgDatabases}`;
  const psql = (sql) => spawnSync('psql',
    ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', maintenance, '-c', sql], { encoding: 'utf8' });
  const made = psql(`CREATE DATABASE ${name} STRATEGY FILE_COPY`);
  if (made.status !== 0) throw new Error(`CREATE DATABASE ${name} failed: ${made.stderr}`);
  const url = new URL(maintenance);
  url.pathname = `/${name}`;
  return { db: url.toString(), drop: () => psql(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

// Start `pok serve --port 0` on a new database; resolves with {url, stop}. The database is
// the demo (`pok demo`), or with empty set one made by `pok init` as a new installation
// starts (the scheme, no municipality, no account). prepare(pok), if given, runs before the
// server starts: pok(args, input) runs `pok --db DB ARGS...` (standard input: input) and
// throws when it fails.
export async function startPok({ prepare, empty = false, serveArgs = [] } = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pok-browser-'));
  const { db, drop } = newDatabase(dir);
  const pok = (args, input) => {
    const r = spawnSync(pokBin, ['--db', db, ...args], { encoding: 'utf8', input });
    if (r.status !== 0) {
      drop();
      fs.rmSync(dir, { recursive: true, force: true });
      throw new Error(`pok ${args.join(' ')} failed: ${r.stderr}${r.stdout}`);
    }
    return r.stdout;
  };
  pok(empty ? ['init'] : ['demo', '--quiet']);
  if (prepare) prepare(pok);
  const child = spawn(pokBin, ['--db', db, 'serve', '--port', '0', ...serveArgs],
    { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`pok serve printed no address: ${output}`)),
      15000);
    const onData = (chunk) => {
      output += chunk;
      const m = output.match(/^pok serve: (http:\S+) /m);
      if (m) { clearTimeout(timer); resolve(m[1]); }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`pok serve exited (${code}): ${output}`));
    });
  });
  child.removeAllListeners('exit');
  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10000);
      await exited;
      clearTimeout(timer);
    }
    drop();
    fs.rmSync(dir, { recursive: true, force: true });
  };
  return { url, db, stop, output: () => output };
}

// Debian's chromium, headless, with a throw-away profile (playwright passes it as
// --user-data-dir). Resolves with {browser, close}; browser is the context pages open in.
export async function startBrowser() {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'pok-chromium-'));
  const browser = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    timeout: 60000,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const close = async () => {
    await browser.close();
    fs.rmSync(profile, { recursive: true, force: true });
  };
  return { browser, close };
}

// A page that records what must never happen: a dialog (a script ran), a CSP violation or
// another console error, an uncaught exception, a stylesheet or image that fails to load.
// (A page itself may answer 404 or 422; the tests check those statuses themselves.)
export async function watchedPage(browser) {
  const page = await browser.newPage();
  const problems = [];
  page.on('dialog', async (d) => {
    problems.push(`dialog: ${d.type()} ${d.message()}`);
    await d.dismiss();
  });
  page.on('console', (m) => {
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource'))
      problems.push(`console error: ${m.text()}`);
  });
  page.on('response', (r) => {
    if (r.request().resourceType() !== 'document' && r.status() >= 400)
      problems.push(`${r.status()} for ${r.url()}`);
  });
  page.on('requestfailed', (r) => problems.push(`failed: ${r.url()} ${r.failure()?.errorText}`));
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  return { page, problems };
}

// Run axe-core on the page as loaded (its CSP still in force: the script goes in through
// the DevTools protocol, not as an inline <script>). Returns readable violations.
export async function axeViolations(page) {
  const loaded = await page.evaluate(() => typeof window.axe !== 'undefined');
  if (!loaded) await page.evaluate(axeSource);
  const result = await page.evaluate(async () => {
    // the default rule set: WCAG 2.0/2.1 A and AA and best practices
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.slice(0, 5).map((n) => `${n.target.join(' ')}: ${n.failureSummary}`),
    }));
  });
  return result;
}

// The widths every page must work at: a phone (390 px, an iPhone 12 to 15) and a laptop.
export const WIDTHS = [390, 1280];

// At each of WIDTHS: the page itself never scrolls sideways (a wide table scrolls inside
// its own container) and no element cuts its content off (overflow hidden or clip with
// more inside than shows; the screen-reader-only texts excepted). Leaves the page at the
// last width. Returns readable problems, naming the elements that stick out.
// (Run on main before the change, it named the measure page's properties: dd reaching
// 1022 px, and the municipality page's totals.)
export async function widthProblems(page) {
  const out = [];
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: 800 });
    const r = await page.evaluate(() => {
      const name = (el) => el.tagName.toLowerCase() + (el.id ? `#${el.id}` : '') +
        (el.className && typeof el.className === 'string' ? `.${el.className.trim().split(/\s+/).join('.')}` : '');
      const wide = [], clipped = [];
      for (const el of document.querySelectorAll('body *')) {
        if (el.closest('.visually-hidden')) continue;
        const inScroller = el.parentElement?.closest('.table-scroll');
        if (!inScroller && el.getBoundingClientRect().right > window.innerWidth + 0.5)
          wide.push(`${name(el)} reaches ${Math.round(el.getBoundingClientRect().right)} px`);
        const cs = getComputedStyle(el);
        // a text field scrolls its own value, as every browser's does
        if (['INPUT', 'SELECT', 'TEXTAREA'].includes(el.tagName)) continue;
        if (['hidden', 'clip'].includes(cs.overflowX) && el.scrollWidth > el.clientWidth + 1)
          clipped.push(`${name(el)} shows ${el.clientWidth} of ${el.scrollWidth} px`);
      }
      return { scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth,
        wide: wide.slice(0, 5), clipped: clipped.slice(0, 5) };
    });
    if (r.scrollWidth > r.innerWidth)
      out.push(`at ${width} px the page is ${r.scrollWidth} px wide: ${r.wide.join('; ')}`);
    if (r.clipped.length) out.push(`at ${width} px content is cut off: ${r.clipped.join('; ')}`);
  }
  return out;
}

// html-validate on the markup pok sent. Returns readable messages.
export async function htmlProblems(html, name) {
  const report = await htmlValidate.validateString(html, name);
  const out = [];
  for (const r of report.results)
    for (const m of r.messages) out.push(`${m.line}:${m.column} ${m.ruleId}: ${m.message}`);
  return out;
}

// The visible text of a table row whose header is label, as an array of cell texts.
export async function rowCells(page, tableLocator, label) {
  const row = tableLocator.locator('tr', { has: page.locator('th', { hasText: label }) }).first();
  return (await row.locator('th, td').allInnerTexts()).map((t) => t.trim());
}

// The text of the cell in the row headed rowLabel and the column headed colLabel of the
// first table on the page that has such a row (the coverage table). null when missing.
export async function tableCell(page, rowLabel, colLabel) {
  return page.evaluate(([rowLabel, colLabel]) => {
    for (const table of document.querySelectorAll('table')) {
      const heads = [...table.querySelectorAll('thead th')].map((th) => th.textContent.trim());
      const col = heads.indexOf(colLabel);
      if (col < 0) continue;
      for (const tr of table.querySelectorAll('tbody tr')) {
        const cells = [...tr.children];
        if (cells[0] && cells[0].textContent.trim() === rowLabel && cells[col])
          return cells[col].textContent.trim();
      }
    }
    return null;
  }, [rowLabel, colLabel]);
}

// Click the first link whose href matches re and wait for the page it opens.
export async function followLink(page, re) {
  const hrefs = await page.$$eval('a[href]', (as) => as.map((a) => a.getAttribute('href')));
  const href = hrefs.find((h) => re.test(h));
  if (!href) throw new Error(`no link matching ${re} on ${page.url()}`);
  await Promise.all([page.waitForNavigation(), page.locator(`a[href="${href}"]`).first().click()]);
  return href;
}

// The forms of a municipality and of a measure, by address: the crawls add them even where
// no page links to them (yet), so that every form is checked.
export const MUNI_FORMS = ['toekenning/nieuw', 'reserve/nieuw', 'maatregel/nieuw', 'besluit/nieuw',
  'verzoek/nieuw'];
export const MEASURE_FORMS = ['bewerken', 'bedrag', 'evaluatie/nieuw'];
export function formsOf(url) {
  const u = new URL(url);
  let m = u.pathname.match(/^\/gemeente\/(GM\d{4})$/);
  if (m) return MUNI_FORMS.map((f) => new URL(`/gemeente/${m[1]}/${f}`, u).href);
  m = u.pathname.match(/^\/maatregel\/(\d+)$/);
  if (m) return MEASURE_FORMS.map((f) => new URL(`/maatregel/${m[1]}/${f}`, u).href);
  return [];
}

// Go to a form the way a user does, by its link on this page; when there is no such link,
// open it by address and say so in the test output.
export async function openForm(page, re, path) {
  const hrefs = await page.$$eval('a[href]', (as) => as.map((a) => a.getAttribute('href')));
  if (hrefs.some((h) => re.test(h))) return followLink(page, re);
  console.log(`# no link to ${path} on ${new URL(page.url()).pathname}: opened by address`);
  await page.goto(new URL(path, page.url()).href);
  return path;
}

// Press a submit button (by its visible text) and wait for the answer page; returns the
// response of the last navigation (after any redirect).
export async function submit(page, buttonText) {
  const [resp] = await Promise.all([
    page.waitForNavigation(),
    page.getByRole('button', { name: buttonText, exact: true }).click(),
  ]);
  return resp;
}
