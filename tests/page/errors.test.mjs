// Failures the user must understand: a rate limit with a countdown that
// then succeeds, and a failed list with a working "Try again".
import { test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { control, ZPA } from './stack.mjs';
import { listReady, rowNames, shot } from './browser.mjs';
import { useConsole } from './setup.mjs';

const ctx = useConsole();
beforeEach(() => fetch(`${ctx.stack.emulator}/_emulator/faults`, { method: 'DELETE' }));

test('a 429 shows "retrying in N s", counts down, then loads', async () => {
  const { page } = ctx.tab;
  await control(ctx.stack.emulator, 'faults', {
    method: 'GET', path_prefix: `${ZPA}/segmentGroup`, status: 429, count: 1,
    headers: { 'retry-after': '3s' }, body: { id: 'invalid.toomanyrequests', reason: 'Too many requests' },
  });
  await page.click('nav a[href="#/zpa/segment-groups"]');
  await page.waitForFunction(() => /retrying in 3 s/.test(document.querySelector('#notice').textContent));
  await shot(page, 'rate-limit-desktop');
  await page.waitForFunction(() => /retrying in 2 s/.test(document.querySelector('#notice').textContent));
  await listReady(page);
  assert.ok((await rowNames(page)).includes('Engineering'));
  assert.equal(await page.isHidden('#notice'), true, 'the countdown goes away once loaded');
});

test('a failed list shows an error state whose Try again works', async () => {
  const { page } = ctx.tab;
  await control(ctx.stack.emulator, 'faults', {
    method: 'GET', path_prefix: `${ZPA}/serverGroup`, status: 500, count: 1,
    body: { id: 'internal.error', reason: 'Injected by the test' },
  });
  await page.click('nav a[href="#/zpa/server-groups"]');
  await page.waitForSelector('main .error-state');
  assert.match(await page.textContent('main .error-state'), /Could not load server groups/);
  await page.click('main .error-state button:has-text("Try again")');
  await page.waitForSelector('table.results');
  assert.equal((await rowNames(page)).length, 4);
});
