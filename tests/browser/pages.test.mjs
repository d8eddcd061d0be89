// pages.test.mjs: every page reachable from / by links within the site passes axe-core
// without violations and html-validate without errors, loads without console errors
// (a CSP violation is one) and runs no script; at 390 px (a phone) and at 1280 px the page
// itself never scrolls sideways and nothing is cut off. The form pages are included, also
// in their error state (each form posted empty).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  axeViolations, formsOf, htmlProblems, startBrowser, startPok, watchedPage, widthProblems,
} from './lib.mjs';

const DEMO = ['GM1734', 'GM1773', 'GM0534', 'GM0362'];
const OTHER_MUNIS = 1;  // municipalities without records: their pages all look alike
const POSTS_PER_FORM = 2; // each form is posted empty on this many pages (e.g. two measures)
const MAX_PAGES = 320;  // a bound on the crawl; reaching it is a failure, not a silent cut

let pok, chrome;
before(async () => {
  pok = await startPok();
  chrome = await startBrowser();
});
after(async () => {
  await chrome?.close();
  await pok?.stop();
});

// The municipality a path belongs to ("/gemeente/GM1734/..." -> "GM1734"), or null.
function muniOf(pathname) {
  const m = pathname.match(/^\/gemeente\/(GM\d{4})(\/|$)/);
  return m ? m[1] : null;
}

// The page a URL is an instance of: "/maatregel/12/bedrag" -> "/maatregel/N/bedrag".
function template(href) {
  return new URL(href).pathname.replace(/GM\d{4}/, 'GM').replace(/\d+/g, 'N');
}

// Which same-origin links to follow: every page of the demo municipalities and of a
// couple of others, no downloads (CSV, JSON, PDF).
function crawlable(url, base, others) {
  if (url.origin !== base.origin) return false;
  if (url.pathname.startsWith('/api/') || url.pathname.startsWith('/static/')) return false;
  if (/\.(csv|json|pdf|xlsx)$/.test(url.pathname)) return false;
  const code = muniOf(url.pathname);
  if (code && !DEMO.includes(code)) {
    if (!others.has(code)) {
      if (others.size >= OTHER_MUNIS) return false;
      others.add(code);
    }
  }
  return true;
}

async function checkPage(page, problems, url, label) {
  const failures = [];
  const html = await (await fetch(url)).text();
  const invalid = await htmlProblems(html, label);
  if (invalid.length) failures.push(`invalid HTML:\n    ${invalid.join('\n    ')}`);
  const violations = await axeViolations(page);
  for (const v of violations)
    failures.push(`axe ${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.join('\n    ')}`);
  failures.push(...await widthProblems(page));
  if (problems.length) failures.push(...problems.splice(0));
  return failures;
}

test('every page reachable from / is accessible (axe) and valid HTML', { timeout: 420000 }, async () => {
  const base = new URL(pok.url);
  const seen = new Set();
  const queue = [new URL('/', base).href, ...DEMO.map((c) => new URL(`/gemeente/${c}`, base).href),
    new URL('/bestaat/niet', base).href];
  const others = new Set();
  const from = new Map(); // page -> the first page linking to it
  const failures = {};
  const postForms = []; // [page url, form index]
  const posted = new Map(); // template and form index -> pages that have it

  // One page of the crawl: check it, queue its links and forms.
  async function visit(page, problems, href) {
    const resp = await page.goto(href);
    const type = resp.headers()['content-type'] || '';
    if (!type.startsWith('text/html')) return;
    const f = [];
    if (resp.status() === 404 && href.endsWith('/bestaat/niet')) problems.splice(0); // expected
    else if (resp.status() !== 200) {
      f.push(`answers ${resp.status()} (a broken link from ${from.get(href)})`);
      problems.splice(0);
    }
    f.push(...await checkPage(page, problems, href, new URL(href).pathname));
    if (f.length) failures[href] = f;
    const links = [...await page.$$eval('a[href]', (as) => as.map((a) => a.href)), ...formsOf(href)];
    // GET forms (search) lead to pages too: follow them with a name filled in.
    links.push(...await page.$$eval('form', (fs) => fs
      .filter((f) => (f.getAttribute('method') || 'get').toLowerCase() === 'get')
      .map((f) => {
        const u = new URL(f.action);
        for (const [k, v] of new FormData(f)) u.searchParams.set(k, String(v) || 'Overbetuwe');
        return u.href;
      })));
    for (const l of links) {
      const u = new URL(l);
      u.hash = '';
      if (!seen.has(u.href) && crawlable(u, base, others)) {
        queue.push(u.href);
        if (!from.has(u.href)) from.set(u.href, href);
      }
    }
    const nPost = await page.$$eval('form[method="post" i]', (fs) => fs.length);
    for (let i = 0; i < nPost; i++) {
      const key = `${template(href)} ${i}`;
      posted.set(key, (posted.get(key) || 0) + 1);
      if (posted.get(key) <= POSTS_PER_FORM) postForms.push([href, i]);
    }
  }

  // A form posted as it first appears (empty, or with its current values): the answer (an
  // error state, a confirmation step) must be as accessible and valid as the rest.
  async function post(page, problems, href, i) {
    await page.goto(href);
    const form = page.locator('form[method="post" i]').nth(i);
    const submit = form.locator('button[type="submit"], input[type="submit"], button:not([type])').first();
    if (await submit.count() === 0) return;
    // never a button that removes something: the rest of the crawl would miss it
    if (/verwijder|intrek|wis/i.test(await submit.innerText())) return;
    const [resp] = await Promise.all([page.waitForNavigation(), submit.click()]);
    const label = `POST ${new URL(resp.url()).pathname} (form ${i} of ${new URL(href).pathname})`;
    if (!(resp.headers()['content-type'] || '').startsWith('text/html')) return;
    const f = [];
    const invalid = await htmlProblems(await resp.text(), label);
    if (invalid.length) f.push(`invalid HTML:\n    ${invalid.join('\n    ')}`);
    for (const v of await axeViolations(page))
      f.push(`axe ${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.join('\n    ')}`);
    f.push(...await widthProblems(page));
    if (problems.length) f.push(...problems.splice(0));
    if (f.length) failures[label] = f;
  }

  // Two tabs at a time (CI has two cores): one loads while the other is checked.
  const tabs = [await watchedPage(chrome.browser), await watchedPage(chrome.browser)];
  let busy = 0;
  await Promise.all(tabs.map(async ({ page, problems }) => {
    for (;;) {
      const href = queue.shift();
      if (href === undefined) {
        if (busy === 0) return;
        await new Promise((r) => setTimeout(r, 20));
        continue;
      }
      if (seen.has(href)) continue;
      seen.add(href);
      assert.ok(seen.size <= MAX_PAGES, `more than ${MAX_PAGES} pages: raise the bound`);
      busy++;
      try { await visit(page, problems, href); } finally { busy--; }
    }
  }));
  for (const code of DEMO)
    assert.ok([...seen].some((h) => h.endsWith(`/gemeente/${code}`)), `${code} was checked`);
  assert.ok([...seen].some((h) => /\/maatregel\/\d+$/.test(h)), 'measure pages were checked');

  // The posts change data, so they come after the crawl, one at a time.
  for (const [href, i] of postForms) await post(tabs[0].page, tabs[0].problems, href, i);

  const report = Object.entries(failures).map(([u, f]) => `${u}\n  ${f.join('\n  ')}`).join('\n');
  console.log(`# checked ${seen.size} pages and ${postForms.length} posted forms`);
  assert.equal(report, '', `pages with problems:\n${report}`);
  for (const t of tabs) await t.page.close();
});
