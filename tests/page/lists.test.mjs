// Lists: pages from the server, name search in ZPA's syntax, sorting,
// empty state, and "Load all" with its progress bar and Cancel.
import { test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { control, ZPA } from './stack.mjs';
import { openPage, signIn, listReady, rowNames } from './browser.mjs';
import { useConsole } from './setup.mjs';

const ctx = useConsole({ reset: false, tab: false });
beforeEach(async () => {
  await control(ctx.stack.emulator, 'reset');
  await fetch(`${ctx.stack.emulator}/_emulator/faults`, { method: 'DELETE' });
  await ctx.tab?.context.close();
  ctx.tab = await openPage(ctx.browser);
  await signIn(ctx.tab.page, ctx.stack.base);
  await listReady(ctx.tab.page);
});

test('ZPA segments come in server pages of 20 with working Next and Previous', async () => {
  const { page } = ctx.tab;
  assert.equal(await page.textContent('.page-of'), 'Page 1 of 3');
  assert.match(await page.textContent('.summary'), /^45 application segments$/);
  const first = await rowNames(page);
  assert.equal(first.length, 20);
  await page.click('.pager button:has-text("Next")');
  await page.waitForFunction(() => document.querySelector('.page-of')?.textContent === 'Page 2 of 3');
  const second = await rowNames(page);
  assert.equal(second.length, 20);
  assert.equal(second.filter((n) => first.includes(n)).length, 0, 'page 2 holds other segments');
  await page.click('.pager button:has-text("Next")');
  await page.waitForFunction(() => document.querySelector('.page-of')?.textContent === 'Page 3 of 3');
  assert.equal((await rowNames(page)).length, 5);
  assert.equal(await page.isDisabled('.pager button:has-text("Next")'), true);
  await page.click('.pager button:has-text("Previous")');
  await page.waitForFunction(() => document.querySelector('.page-of')?.textContent === 'Page 2 of 3');
});

test('search sends name LIKE for plain text and shows an empty state when nothing matches', async () => {
  const { page } = ctx.tab;
  const searches = [];
  page.on('request', (r) => { if (r.url().includes('/application?')) searches.push(new URL(r.url()).searchParams.get('search')); });
  await page.fill('#q', 'jira');
  await page.press('#q', 'Enter');
  await page.waitForFunction(() => document.querySelectorAll('table.results tbody tr').length === 1);
  assert.deepEqual(await rowNames(page), ['Jira']);
  assert.equal(searches.at(-1), 'name LIKE jira');
  assert.match(page.url(), /q=jira/);
  await page.fill('#q', 'no such segment anywhere');
  await page.press('#q', 'Enter');
  await page.waitForSelector('main .empty');
  assert.match(await page.textContent('main .empty'), /No application segments match “no such segment anywhere”/);
  await page.click('main .empty a');
  await page.waitForFunction(() => document.querySelectorAll('table.results tbody tr').length === 20);
});

test('column headers sort the rows and say which way', async () => {
  const { page } = ctx.tab;
  await page.click('th button:has-text("Name")');
  const up = await rowNames(page);
  assert.deepEqual(up, [...up].sort((a, b) => a.localeCompare(b, undefined, { numeric: true, sensitivity: 'base' })));
  assert.equal(await page.getAttribute('th:has(button:has-text("Name"))', 'aria-sort'), 'ascending');
  await page.click('th button:has-text("Name")');
  const down = await rowNames(page);
  assert.deepEqual(down, [...up].reverse());
  assert.equal(await page.getAttribute('th:has(button:has-text("Name"))', 'aria-sort'), 'descending');
});

test('Load all streams every page with a visible progress bar', async () => {
  const { page } = ctx.tab;
  // Slow pages down so the progress can be seen between pages.
  await control(ctx.stack.emulator, 'faults', { method: 'GET', path_prefix: `${ZPA}/application`, delay_ms: 800, count: 3 });
  await page.click('button:has-text("Load all")');
  await page.waitForSelector('#load-progress');
  await page.waitForFunction(() => {
    const bar = document.querySelector('#load-progress');
    return bar && bar.value > 0 && bar.value < bar.max;
  });
  const mid = await page.$eval('#load-progress', (b) => ({ value: b.value, max: b.max }));
  assert.equal(mid.max, 45);
  assert.match(await page.textContent('.progress-text'), /Loaded \d+ of 45/);
  await page.waitForFunction(() => /All 45 loaded/.test(document.querySelector('.summary').textContent));
  assert.equal((await rowNames(page)).length, 45);
  assert.equal(await page.isHidden('#load-progress'), true);
  assert.equal(await page.$('.pager button'), null, 'no pager once everything is shown');
});

test('Load all can be cancelled part way', async () => {
  const { page } = ctx.tab;
  await control(ctx.stack.emulator, 'faults', { method: 'GET', path_prefix: `${ZPA}/application`, delay_ms: 1500, count: 3 });
  await page.click('button:has-text("Load all")');
  await page.waitForFunction(() => document.querySelector('#load-progress')?.value >= 20);
  await page.click('.progress button:has-text("Cancel")');
  await page.waitForFunction(() => /Cancelled/.test(document.querySelector('.summary').textContent));
  assert.match(await page.textContent('.summary'), /Cancelled: loaded (20|40) of 45/);
  const n = (await rowNames(page)).length;
  assert.ok(n >= 20 && n < 45, `kept the ${n} rows loaded so far`);
});

test('ZIA and ZIdentity lists page and search too', async () => {
  const { page } = ctx.tab;
  await page.click('nav a[href="#/zia/users"]');
  await page.waitForFunction(() => document.querySelector('main h1')?.textContent === 'ZIA Users' && document.querySelectorAll('table.results tbody tr').length === 20);
  await page.click('.pager button:has-text("Next")');
  await page.waitForFunction(() => document.querySelector('.page-of')?.textContent === 'Page 2');
  assert.equal((await rowNames(page)).length, 10);
  await page.click('nav a[href="#/zidentity/users"]');
  await listReady(page);
  await page.waitForFunction(() => /25 users/.test(document.querySelector('.summary')?.textContent));
  await page.click('nav a[href="#/zidentity/groups"]');
  await page.waitForFunction(() => /6 groups/.test(document.querySelector('.summary')?.textContent));
  await page.fill('#q', 'engineering');
  await page.press('#q', 'Enter');
  await page.waitForFunction(() => document.querySelectorAll('table.results tbody tr').length === 1);
  assert.deepEqual(await rowNames(page), ['Engineering']);
});
