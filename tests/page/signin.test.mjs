// Sign-in, sign-out, an expired session, and the CSP on the page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, signIn, listReady, rowNames } from './browser.mjs';
import { useConsole } from './setup.mjs';

const ctx = useConsole({ tab: false });

test('the page is served with the strict CSP and no third-party assets', async () => {
  const res = await fetch(`${ctx.stack.base}/`);
  const csp = res.headers.get('content-security-policy') ?? '';
  assert.match(csp, /default-src 'self'/);
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'/);
  assert.match(csp, /require-trusted-types-for 'script'/);
  assert.match(csp, /frame-ancestors 'none'/);
  const { page, context, events } = await openPage(ctx.browser);
  const hosts = new Set();
  page.on('request', (r) => hosts.add(new URL(r.url()).host));
  await signIn(page, ctx.stack.base);
  await listReady(page);
  assert.deepEqual([...hosts], [new URL(ctx.stack.base).host], 'every request goes to the page origin');
  assert.deepEqual(events.csp, [], 'no CSP or Trusted Types violations');
  assert.deepEqual(events.errors, []);
  await context.close();
});

test('a wrong password is refused in words and a right one opens the console', async () => {
  const { page, context } = await openPage(ctx.browser);
  await page.goto(`${ctx.stack.base}/`);
  await page.fill('#password', 'not-the-password');
  await page.click('#signin-form button[type="submit"]');
  await page.waitForFunction(() => /not correct/.test(document.querySelector('#signin-message').textContent));
  assert.equal(await page.isHidden('#app'), true);
  await page.fill('#password', (await import('./stack.mjs')).PASSWORD);
  await page.click('#signin-form button[type="submit"]');
  await listReady(page);
  assert.equal((await rowNames(page)).length, 20);
  assert.match(await page.textContent('#who'), /216196257331281920/);
  await context.close();
});

test('the session survives a reload and sign-out ends it', async () => {
  const { page, context } = await openPage(ctx.browser);
  await signIn(page, ctx.stack.base);
  await listReady(page);
  await page.reload();
  await listReady(page);
  assert.equal(await page.isHidden('#signin'), true, 'still signed in after reload');
  await page.click('#signout');
  await page.waitForSelector('#signin:not([hidden])');
  assert.match(await page.textContent('#signin-message'), /signed out/);
  const session = await page.evaluate(async () => (await fetch('/auth/session')).json());
  assert.equal(session.authenticated, false);
  await page.reload();
  await page.waitForSelector('#signin:not([hidden])');
  await context.close();
});

test('an expired session sends the user back to sign-in with a message', async () => {
  const { page, context } = await openPage(ctx.browser);
  await signIn(page, ctx.stack.base);
  await listReady(page);
  // Losing the cookie is what the backend sees when a session has expired.
  await context.clearCookies();
  await page.click('nav a[href="#/zpa/segment-groups"]');
  await page.waitForSelector('#signin:not([hidden])');
  assert.match(await page.textContent('#signin-message'), /session has expired/i);
  await page.fill('#password', (await import('./stack.mjs')).PASSWORD);
  await page.click('#signin-form button[type="submit"]');
  await listReady(page);
  assert.ok((await rowNames(page)).includes('Finance'), 'back on the view the user asked for');
  await context.close();
});
