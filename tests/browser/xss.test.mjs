// xss.test.mjs: text with markup, entered in every text field of every form (of Overbetuwe,
// GM1734), is shown as text on every page: no script runs (no dialog), no element gets an
// onmouseover attribute, no <script> element appears, and the text is visible literally.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { formsOf, startBrowser, startPok, watchedPage } from './lib.mjs';

const SCRIPT = '<script>alert(1)</script>';
const ATTR = '" onmouseover="x';
const PAYLOAD = `XSS ${SCRIPT} ${ATTR}`;
const MAX_PAGES = 150;

let pok, chrome;
before(async () => {
  pok = await startPok();
  chrome = await startBrowser();
});
after(async () => {
  await chrome?.close();
  await pok?.stop();
});

// The pages of Overbetuwe and what they link to (measures, sources, ...), without other
// municipalities and downloads.
function inScope(u, base) {
  if (u.origin !== base.origin) return false;
  if (/^\/(api|static)\//.test(u.pathname) || /\.(csv|json|pdf|xlsx)$/.test(u.pathname)) return false;
  const m = u.pathname.match(/^\/gemeente\/(GM\d{4})/);
  return !m || m[1] === 'GM1734';
}

async function crawl(page, problems, start) {
  const base = new URL(pok.url);
  const seen = new Set(), queue = [...start], pages = [];
  while (queue.length && seen.size < MAX_PAGES) {
    const href = queue.shift();
    if (seen.has(href)) continue;
    seen.add(href);
    const resp = await page.goto(href);
    if (!(resp.headers()['content-type'] || '').startsWith('text/html')) continue;
    pages.push({ href, ...(await inspect(page)) });
    for (const l of [...await page.$$eval('a[href]', (as) => as.map((a) => a.href)), ...formsOf(href)]) {
      const u = new URL(l);
      u.hash = '';
      if (!seen.has(u.href) && inScope(u, base)) queue.push(u.href);
    }
  }
  return pages;
}

// What this page shows of the payload, and whether it broke out of its context.
async function inspect(page) {
  return page.evaluate(([script, attr]) => ({
    handlers: [...document.querySelectorAll('*')].filter((e) =>
      [...e.attributes].some((a) => a.name.startsWith('on'))).map((e) => e.outerHTML.slice(0, 120)),
    scripts: document.querySelectorAll('script').length,
    text: document.body.innerText.includes(script) && document.body.innerText.includes(attr),
    values: [...document.querySelectorAll('input[type=text], textarea')]
      .filter((e) => e.value.includes(script) && e.value.includes(attr)).length,
    postForms: document.querySelectorAll('form[method="post" i]').length,
  }), [SCRIPT, ATTR]);
}

function assertContained(where, info) {
  assert.deepEqual(info.handlers, [], `${where}: no element has an event handler attribute`);
  assert.equal(info.scripts, 0, `${where}: no <script> element`);
}

// A value the field accepts, when the payload was refused (years, dates, amounts).
async function validValue(field) {
  const name = await field.getAttribute('name');
  const hintId = ((await field.getAttribute('aria-describedby')) || '').split(' ').find((i) => i.endsWith('-hint'));
  const hint = hintId ? await field.page().locator(`[id="${hintId}"]`).innerText() : '';
  if (/datum/.test(name) || /JJJJ-MM-DD/.test(hint)) return '2025-03-01';
  if (/jaar/.test(name) || /\bjaar\b/i.test(hint)) return '2027';
  if (/bedrag|saldo|storting|onttrekking/.test(name) || /euro/i.test(hint)) return '1.000';
  return null;
}

// Fill every text field with the payload and post; fix the fields that refuse it; confirm
// when asked. Returns the pages seen on the way with what they showed.
async function postPayload(page, href, index) {
  const seen = [];
  await page.goto(href);
  const formSel = `form[method="post" i] >> nth=${index}`;
  const fixed = {};
  let choseAll = false;
  for (let round = 0; round < 4; round++) {
    const form = page.locator(formSel);
    if (choseAll)
      await form.locator('select').evaluateAll((sels) => sels.forEach((sel) => {
        const opt = [...sel.options].find((o) => o.value !== '');
        if (sel.value === '' && opt) sel.value = opt.value;
      }));
    const fields = form.locator('input[type="text"], input:not([type]), textarea');
    for (let i = 0; i < await fields.count(); i++) {
      const f = fields.nth(i);
      const name = await f.getAttribute('name');
      await f.fill(fixed[name] ?? PAYLOAD);
    }
    const button = form.locator('button[type="submit"]').first();
    if (/verwijder|intrek/i.test(await button.innerText())) return seen;
    const [resp] = await Promise.all([page.waitForNavigation(), button.click()]);
    const info = await inspect(page);
    seen.push({ href: `${resp.url()} (post ${round} of ${href})`, status: resp.status(), ...info });
    assertContained(resp.url(), info);
    if (resp.status() === 422) {
      // the refused values come back in their fields, as text
      const invalid = page.locator(formSel).locator('[aria-invalid="true"]');
      let progress = false;
      for (let i = 0; i < await invalid.count(); i++) {
        const f = invalid.nth(i);
        const name = await f.getAttribute('name');
        // a value of the field's kind, else empty (an optional field that only applies
        // in another case, such as "naar jaar")
        const candidates = [await validValue(f), ''].filter((v) => v !== null);
        const next = candidates[candidates.indexOf(fixed[name]) + 1];
        if (next !== undefined) { fixed[name] = next; progress = true; }
      }
      // a field may need a choice elsewhere ("plaats" needs its "bron"): choose in every
      // empty list, once
      if (!choseAll) {
        choseAll = true;
        progress = true;
      }
      if (!progress) return seen; // a form the payload cannot pass (e.g. a code): shown safely
      continue;
    }
    const confirm = page.locator('button[name="confirm"]');
    if (await confirm.count()) {
      const [r2] = await Promise.all([page.waitForNavigation(), confirm.first().click()]);
      const info2 = await inspect(page);
      seen.push({ href: `${r2.url()} (confirmed from ${href})`, status: r2.status(), ...info2 });
      assertContained(r2.url(), info2);
    }
    return seen;
  }
  return seen;
}

test('markup typed into every text field is shown as text everywhere', { timeout: 180000 }, async () => {
  const { page, problems } = await watchedPage(chrome.browser);
  const start = ['/', '/gemeente/GM1734'].map((p) => new URL(p, pok.url).href);
  const muni = new URL('/gemeente/GM1734', pok.url).href;
  // Every form of Overbetuwe, and the forms of one of its measures (the forms of the other
  // measures are the same); new records first, so the new measure's forms come after.
  await page.goto(new URL('/gemeente/GM1734/maatregelen', pok.url).href);
  const firstMeasure = await page.$$eval('a[href^="/maatregel/"]', (as) => as[0]?.href);
  assert.ok(firstMeasure, 'Overbetuwe has measures');
  const formPages = [...formsOf(muni), ...formsOf(firstMeasure)];
  let posted = 0;
  const allSeen = [];
  const postAll = async (hrefs) => {
    for (const href of hrefs) {
      await page.goto(href);
      const n = (await inspect(page)).postForms;
      for (let i = 0; i < n; i++) {
        const seen = await postPayload(page, href, i);
        allSeen.push(...seen);
        posted++;
        const last = seen[seen.length - 1];
        const landed = last ? new URL(last.href.split(' ')[0]).pathname : '';
        console.log(`# ${new URL(href).pathname}: ${seen.length} posts, then ${last?.status} ${landed}`);
        // saved: the answer is another page (the record or the municipality)
        assert.ok(last && last.status === 200 && landed !== new URL(href).pathname,
          `${new URL(href).pathname} saved the text (ended at ${last?.status} ${landed})`);
      }
    }
  };
  await postAll(formPages);
  // The measure made with the payload as its name: its own forms too.
  await page.goto(new URL('/gemeente/GM1734/maatregelen', pok.url).href);
  // (the first measure was renamed to the payload too, by its edit form)
  const named = await page.$$eval('a[href^="/maatregel/"]',
    (as, script) => as.filter((a) => a.textContent.includes(script)).map((a) => a.href), SCRIPT);
  assert.deepEqual(named.filter((h) => h === firstMeasure), [firstMeasure], 'the edited measure is listed under its new name, as text');
  const created = named.filter((h) => h !== firstMeasure);
  assert.equal(created.length, 1, 'the new measure is listed under its name, as text');
  await postAll(formsOf(created[0]));

  // Every page again, now with the payload stored wherever a form took it.
  const pages = await crawl(page, problems, [...start, new URL(`/?q=${encodeURIComponent(SCRIPT)}`, pok.url).href]);
  for (const p of pages) assertContained(p.href, p);
  const showing = pages.filter((p) => p.text).map((p) => p.href);
  console.log(`# posted ${posted} forms; ${pages.length} pages checked, ${showing.length} show the text literally`);
  assert.ok(posted >= 8, `every form was posted (${posted})`);
  assert.ok(allSeen.some((p) => p.values > 0), 'a refused form shows the text back in its field');
  assert.ok(showing.includes(created[0]), 'the new measure\'s page shows its name literally');
  assert.ok(showing.includes(muni.replace(/$/, '/maatregelen')), 'the measure list shows it');
  assert.ok(showing.some((h) => /\/besluiten$/.test(h)), 'the decisions register shows it');
  assert.deepEqual(problems, [], 'no dialog, no console error');
  await page.close();
});
