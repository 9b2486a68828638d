// The Activity view: the backend's audit trail of writes. A change saved in
// the console appears with its method, path, status and request id; the
// product filter narrows the list; a hostile path shows as text; the CSV
// and JSON exports download what the filter selects.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { emulatorGet, ZPA } from './stack.mjs';
import { shot } from './browser.mjs';
import { useConsole } from './setup.mjs';

const XSS_IMG = '"/><img src=x onerror=alert(1)>';
// The stand-in backend has no audit trail.
const skip = process.env.PAGE_BACKEND === 'standin';
let engineering;
const ctx = skip ? null : useConsole({
  route: '#/zia/departments',
  ready: async ({ stack }) => {
    engineering = (await emulatorGet(stack.emulator, '/zia/api/v1/departments')).body.find((d) => d.name === 'Engineering');
  },
});

const rows = (page) => page.$$eval('table.activity tbody tr', (trs) => trs.map((tr) => {
  const cell = (c) => tr.querySelector(`td.${c}`).textContent;
  return { person: cell('person'), method: cell('method'), path: cell('path'), product: cell('prod'), status: cell('status'), requestId: cell('request-id'), activation: cell('activation') };
}));

/** Loads the page afresh at the view (a hash-only goto to the route
 *  already shown would keep the old table). */
async function openActivity(page, query = '') {
  await page.goto(`${ctx.stack.base}/#/activity${query}`);
  await page.reload();
  await page.waitForSelector('main h1:has-text("Activity")');
  await page.waitForSelector('main table.activity, main .empty, main .error-state');
}

/** A write sent from the signed-in page, as the console's client would. */
const send = (page, method, path, body) => page.evaluate(async ([m, p, b]) => {
  const res = await fetch(`/api${p}`, { method: m, body: b === undefined ? undefined : JSON.stringify(b),
    headers: { 'content-type': 'application/json', 'x-requested-with': 'zscaler-wasm' } });
  return { status: res.status, requestId: res.headers.get('x-request-id') };
}, [method, path, body]);

test('a change saved in the console is listed, newest first, with its request id', { skip }, async () => {
  const { page, events } = ctx.tab;
  await page.goto(`${ctx.stack.base}/#/zia/departments/${engineering.id}/edit`);
  await page.waitForSelector('#field-comments');
  await page.fill('#field-comments', 'Changed for the activity test');
  const saved = page.waitForResponse((r) => r.request().method() === 'PUT' && r.url().includes(`/departments/${engineering.id}`));
  await page.click('button:has-text("Save changes")');
  const put = await saved;
  await page.waitForFunction(() => !location.hash.endsWith('/edit'));
  await page.click('nav a:has-text("Activity")');
  await page.waitForSelector('main table.activity');
  assert.equal(await page.getAttribute('nav a:has-text("Activity")', 'aria-current'), 'page');
  const [newest] = await rows(page);
  assert.equal(newest.method, 'PUT');
  assert.equal(newest.path, `/zia/api/v1/departments/${engineering.id}`);
  assert.equal(newest.product, 'ZIA');
  assert.equal(newest.status, String(put.status()));
  assert.equal(newest.requestId, await put.headerValue('x-request-id'));
  assert.match(newest.person, /^session:[0-9a-f]{12}$/);
  assert.equal(newest.activation, 'Pending activation');
  assert.deepEqual(events.errors, []);
});

test('the product filter narrows the list', { skip }, async () => {
  const { page } = ctx.tab;
  const made = await send(page, 'POST', `${ZPA}/segmentGroup`, { name: 'activity-test', enabled: true });
  assert.equal(made.status, 201);
  await openActivity(page);
  const all = await rows(page);
  assert.deepEqual(new Set(all.map((r) => r.product)), new Set(['ZIA', 'ZPA']));
  await page.selectOption('#activity-product', 'zpa');
  await page.click('main form.activity-filter button[type="submit"]');
  await page.waitForFunction(() => location.hash === '#/activity?product=zpa');
  await page.waitForSelector('main table.activity');
  const zpa = await rows(page);
  assert.deepEqual(zpa.map((r) => [r.product, r.method, r.requestId]), [['ZPA', 'POST', made.requestId]]);
  await openActivity(page, '?product=zdx');
  assert.match(await page.textContent('main .empty'), /No writes match/);
});

test('a hostile path is shown as text, and the CSV export downloads it', { skip }, async () => {
  const { page, events } = ctx.tab;
  // Encoded as a browser would send it; the trail keeps it decoded.
  const encoded = XSS_IMG.split('/').map(encodeURIComponent).join('/');
  const res = await send(page, 'PUT', `/zia/api/v1/departments/${encoded}`, { name: 'x' });
  assert.notEqual(res.status, 403, 'the allowlist let it through, so it was sent and recorded');
  await openActivity(page, '?product=zia');
  const [newest] = await rows(page);
  assert.equal(newest.path, `/zia/api/v1/departments/${XSS_IMG}`);
  await page.waitForTimeout(300); // an injected onerror would have fired
  assert.equal(await page.$$eval('main img, main [onerror]', (els) => els.length), 0);
  assert.deepEqual(events.dialogs, []);
  await shot(page, 'activity-desktop');
  const downloading = page.waitForEvent('download');
  await page.click('#export-csv');
  const file = await downloading;
  const csv = await readFile(await file.path(), 'utf8');
  const lines = csv.trim().split('\r\n');
  assert.equal(lines[0], 'time,person,method,path,product,status,request_id,staged,activation,activated_at');
  assert.ok(lines[1].includes(`"/zia/api/v1/departments/""/><img src=x onerror=alert(1)>"`), lines[1]);
  assert.equal(lines.length, 1 + (await rows(page)).length, 'the filtered trail, one line per write');
  const asJson = page.waitForEvent('download');
  await page.click('#export-json');
  const entries = JSON.parse(await readFile(await (await asJson).path(), 'utf8'));
  assert.equal(entries[0].path, `/zia/api/v1/departments/${XSS_IMG}`);
  assert.ok(entries.every((e) => e.product === 'zia'), 'the export follows the filter');
});
