// The seed's hostile strings (`<script>…`, `"/><img src=x onerror=…>`) must
// show as plain text everywhere: no dialog, no injected element, no error.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { emulatorGet, ZPA } from './stack.mjs';
import { useConsole } from './setup.mjs';

const XSS_SCRIPT = '<script>alert(1)</script>';
const XSS_IMG = '"/><img src=x onerror=alert(1)>';

const ctx = useConsole({ list: false });

/** What an injection would leave behind, counted in the live DOM. */
const injected = (page) => page.evaluate(() => ({
  images: document.querySelectorAll('img, svg, iframe, object, embed').length,
  scripts: document.scripts.length,
  handlers: [...document.querySelectorAll('*')].filter((el) => [...el.attributes].some((a) => /^on/i.test(a.name))).length,
}));

async function visit(route, expectedText) {
  const { page, events } = ctx.tab;
  await page.goto(`${ctx.stack.base}/${route}`);
  await page.waitForFunction((t) => document.querySelector('main').textContent.includes(t), expectedText);
  // Give any injected handler (onerror fires on load failure) time to run.
  await page.waitForTimeout(300);
  assert.deepEqual(await injected(page), { images: 0, scripts: 1, handlers: 0 }, route);
  assert.deepEqual(events.dialogs, [], `no dialog on ${route}`);
  assert.deepEqual(events.errors, [], `no page error on ${route}`);
}

test('hostile ZPA names and descriptions render inert in lists and details', async () => {
  await visit('#/zpa/segments?q=script', XSS_SCRIPT);
  const { body } = await emulatorGet(ctx.stack.emulator, `${ZPA}/application?search=${encodeURIComponent('name EQ Partner Portal')}`);
  await visit(`#/zpa/segments/${body.list[0].id}`, XSS_IMG);
  const { page } = ctx.tab;
  await page.click('details.raw summary');
  assert.ok((await page.textContent('details.raw pre')).includes(JSON.stringify(XSS_IMG).slice(1, -1)), 'JSON view shows the raw text');
  await visit('#/zpa/segment-groups', XSS_IMG);
});

test('hostile ZIA and ZIdentity strings render inert', async () => {
  await visit('#/zia/users?page=2', XSS_SCRIPT);
  const users = (await emulatorGet(ctx.stack.emulator, '/zia/api/v1/users?pageSize=1000')).body;
  const hostile = users.find((u) => u.name === XSS_SCRIPT);
  await visit(`#/zia/users/${hostile.id}`, XSS_IMG);
  await visit('#/zidentity/users?page=2', XSS_SCRIPT);
  await visit('#/zidentity/groups', XSS_IMG);
});

test('a hostile search term is sent as data and echoed as text', async () => {
  const { page } = ctx.tab;
  await page.goto(`${ctx.stack.base}/#/zpa/segments`);
  await page.fill('#q', XSS_IMG);
  await page.press('#q', 'Enter');
  await page.waitForSelector('main .empty');
  assert.ok((await page.textContent('main .empty')).includes(XSS_IMG));
  assert.deepEqual(await injected(page), { images: 0, scripts: 1, handlers: 0 });
  assert.deepEqual(ctx.tab.events.dialogs, []);
});
