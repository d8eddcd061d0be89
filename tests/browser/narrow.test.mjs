// narrow.test.mjs: at 390 px (a phone) a wide table scrolls inside its own container,
// with the keyboard too, while its first column (the row's name) and caption stay in view;
// the start page's amounts can be brought next to the municipality's name; a measure's
// details wrap instead of running off the page. (pages.test.mjs checks every page for
// sideways scrolling of the page itself; this shows the tables still work.)
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startBrowser, startPok, watchedPage } from './lib.mjs';

let pok, chrome, page;
before(async () => {
  pok = await startPok();
  chrome = await startBrowser();
  ({ page } = await watchedPage(chrome.browser));
  await page.setViewportSize({ width: 390, height: 844 });
});
after(async () => {
  await chrome?.close();
  await pok?.stop();
});

// Where the first table's container, its first header cell, its caption and its last
// column are, relative to the window; after scrolling the container to x.
async function firstTable(scrollTo) {
  return page.evaluate((x) => {
    const box = document.querySelector('.table-scroll');
    box.scrollLeft = x;
    const rect = (el) => { const r = el.getBoundingClientRect(); return { left: r.left, right: r.right }; };
    const firstRow = box.querySelector('tbody tr');
    const cells = [...firstRow.children];
    return {
      scrollWidth: box.scrollWidth, clientWidth: box.clientWidth, scrollLeft: box.scrollLeft,
      tabindex: box.getAttribute('tabindex'), label: box.getAttribute('aria-label'),
      caption: box.querySelector('caption').textContent,
      box: rect(box), name: rect(cells[0]), nameText: cells[0].textContent.trim(),
      captionBox: rect(box.querySelector('caption')), last: rect(cells[cells.length - 1]),
      lastText: cells[cells.length - 1].textContent.trim(),
    };
  }, scrollTo);
}

test('a wide table scrolls in its own container; its first column and caption stay', async () => {
  await page.goto(new URL('/gemeente/GM1773', pok.url).href); // 2021-2029: wider than a phone
  const start = await firstTable(0);
  assert.ok(start.scrollWidth > start.clientWidth + 100, `the table is wider than its container: ${JSON.stringify(start)}`);
  assert.equal(start.tabindex, '0');
  assert.equal(start.label, start.caption);
  assert.ok(start.last.left >= start.box.right, 'the last column starts out of view');
  const end = await firstTable(10000);
  assert.ok(end.scrollLeft > 100);
  assert.ok(Math.abs(end.name.left - end.box.left) < 1.5, `the row's name stays at the left: ${JSON.stringify(end)}`);
  assert.ok(end.last.right <= end.box.right + 1, 'scrolled, the last column is in view');
  assert.ok(end.captionBox.left >= end.box.left - 1 && end.captionBox.left < end.box.left + 20,
    'the caption stays in view');
  assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), 390);
});

test('the keyboard scrolls a table: Tab reaches its container, arrow keys move it', async () => {
  await page.goto(new URL('/gemeente/GM1773', pok.url).href);
  // the first table wider than its container (the summary before it fits at 390 px)
  const wide = () => [...document.querySelectorAll('.table-scroll')]
    .find((e) => e.scrollWidth > e.clientWidth + 1);
  assert.ok(await page.evaluate(`(${wide})() !== undefined`), 'a table is wider than 390 px');
  await page.evaluate(`(${wide})().scrollLeft = 0`);
  // tab until that table's container has the focus
  let focused = false;
  for (let i = 0; i < 120 && !focused; i++) {
    await page.keyboard.press('Tab');
    focused = await page.evaluate(`document.activeElement === (${wide})()`);
  }
  assert.ok(focused, 'Tab reaches the table container');
  for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight');
  // keyboard scrolling is animated: wait for it to move (up to 3 s) rather than read at once
  await page.waitForFunction(`(${wide})().scrollLeft > 0`, null, { timeout: 3000 }).catch(() => {});
  const left = await page.evaluate(`(${wide})().scrollLeft`);
  assert.ok(left > 0, `ArrowRight scrolls the table (scrollLeft ${left})`);
});

test("the start page's amounts come next to the municipality's name", async () => {
  await page.goto(pok.url);
  const end = await firstTable(10000);
  assert.ok(Math.abs(end.name.left - end.box.left) < 1.5, JSON.stringify(end));
  assert.match(end.nameText, /\S/);
  assert.match(end.lastText, /€/, 'the last column holds an amount');
  assert.ok(end.last.right <= end.box.right + 1 && end.last.left >= end.name.right - 1,
    `the amount is in view beside the name: ${JSON.stringify(end)}`);
});

test("a measure's details wrap within the page", async () => {
  await page.goto(new URL('/gemeente/GM1734/maatregelen', pok.url).href);
  const href = await page.$$eval('a[href^="/maatregel/"]', (as) => as[0].getAttribute('href'));
  await page.goto(new URL(href, pok.url).href);
  const r = await page.evaluate(() => ({
    width: document.documentElement.scrollWidth,
    right: Math.max(...[...document.querySelectorAll('dl.properties dd')].map((dd) => dd.getBoundingClientRect().right)),
  }));
  assert.equal(r.width, 390);
  assert.ok(r.right <= 390, `every value ends within the window (${r.right})`);
});
