// Headless Debian Chromium through playwright-core, one page per test,
// with every dialog and page error recorded so tests can assert none.
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { PASSWORD } from './stack.mjs';

export const ARTIFACTS = fileURLToPath(new URL('./artifacts/', import.meta.url));
export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 390, height: 844 };

export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-dev-shm-usage'],
  });
}

/** A fresh context and page; `events` collects dialogs and errors. */
export async function openPage(browser, viewport = DESKTOP) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const events = { dialogs: [], errors: [], csp: [] };
  page.on('dialog', (d) => { events.dialogs.push(d.message()); d.dismiss().catch(() => {}); });
  page.on('pageerror', (e) => events.errors.push(e.message));
  page.on('console', (m) => { if (/Content Security Policy|Trusted Type/i.test(m.text())) events.csp.push(m.text()); });
  page.setDefaultTimeout(20_000);
  return { context, page, events };
}

export async function signIn(page, base, route = '') {
  await page.goto(`${base}/${route}`);
  await page.fill('#password', PASSWORD);
  await page.click('#signin-form button[type="submit"]');
  await page.waitForSelector('#app:not([hidden])');
}

/** Waits for a list view to finish loading (a table or a state). */
export async function listReady(page) {
  await page.waitForSelector('main .table-wrap table.results, main .empty, main .error-state');
}

export async function shot(page, name) {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: `${ARTIFACTS}${name}.png`, fullPage: true });
}

export const rowNames = (page) => page.$$eval('table.results tbody th', (ths) => ths.map((t) => t.textContent));
