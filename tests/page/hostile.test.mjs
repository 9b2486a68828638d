// The seed's hostile strings (`<script>…`, `"/><img src=x onerror=…>`) must
// show as plain text everywhere: no dialog, no injected element, no error.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { emulatorCall, emulatorGet, ZPA } from './stack.mjs';
import { useConsole } from './setup.mjs';

const XSS_SCRIPT = '<script>alert(1)</script>';
const XSS_IMG = '"/><img src=x onerror=alert(1)>';

const ctx = useConsole({ list: false });

/** What an injection would leave behind, counted in the live DOM. The
 *  ZDX score chart's own SVG (the one direct child of its figure, with the
 *  class and role views/chart.js give it) is left out and counted apart:
 *  any other svg, or a second one there, still counts as injected. */
const injected = (page) => page.evaluate(() => {
  const own = document.querySelectorAll('main .chart-pair > figure.chart > svg.score-chart[role="img"]');
  return {
    images: document.querySelectorAll('img, svg, iframe, object, embed').length - (own.length === 1 ? 1 : 0),
    scripts: document.scripts.length,
    handlers: [...document.querySelectorAll('*')].filter((el) => [...el.attributes].some((a) => /^on/i.test(a.name))).length,
    charts: own.length,
  };
});

const CLEAN = { images: 0, scripts: 1, handlers: 0, charts: 0 };

async function visit(route, expectedText, { charts = 0 } = {}) {
  const { page, events } = ctx.tab;
  await page.goto(`${ctx.stack.base}/${route}`);
  await page.waitForFunction((t) => document.querySelector('main').textContent.includes(t), expectedText);
  // Give any injected handler (onerror fires on load failure) time to run.
  await page.waitForTimeout(300);
  assert.deepEqual(await injected(page), { ...CLEAN, charts }, route);
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

test('an integer beyond 2^53 shows with every digit in the JSON view', async () => {
  // Sent as text: a JS number would already have rounded it.
  const digits = '216196257331404659';
  const made = await emulatorCall(ctx.stack.emulator, 'POST', `${ZPA}/segmentGroup`,
    `{"name": "Wide integer group", "enabled": true, "bigCounter": ${digits}}`);
  assert.equal(made.status, 201, JSON.stringify(made.body));
  try {
    await visit(`#/zpa/segment-groups/${made.body.id}`, 'Wide integer group');
    const { page } = ctx.tab;
    await page.click('details.raw summary');
    const shown = await page.textContent('details.raw pre');
    assert.match(shown, new RegExp(`"bigCounter": "?${digits}"?`), 'the exact digits, not a rounded double');
  } finally {
    await emulatorCall(ctx.stack.emulator, 'DELETE', `${ZPA}/segmentGroup/${made.body.id}`);
  }
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
  assert.deepEqual(await injected(page), CLEAN);
  assert.deepEqual(ctx.tab.events.dialogs, []);
});

test('the injection check still sees an svg put next to, or inside, the chart', async () => {
  const { page } = ctx.tab;
  const apps = (await emulatorGet(ctx.stack.emulator, '/zdx/v1/apps')).body;
  await visit(`#/zdx/applications/${apps[0].id}`, apps[0].name, { charts: 1 });
  // What an injected svg would add; the check must count each.
  for (const where of ['main .chart-pair', 'main .chart-pair > figure.chart', 'main svg.score-chart']) {
    const ns = 'http://www.w3.org/2000/svg';
    await page.evaluate(([sel, n]) => document.querySelector(sel).append(document.createElementNS(n, 'svg')), [where, ns]);
    assert.equal((await injected(page)).images, 1, `an svg in ${where} is counted`);
    await page.evaluate((sel) => document.querySelector(sel).lastElementChild.remove(), where);
  }
  await page.evaluate(() => {
    const fig = document.querySelector('main figure.chart');
    fig.append(fig.querySelector('svg').cloneNode(true));
  });
  assert.deepEqual(await injected(page), { ...CLEAN, images: 2, charts: 2 }, 'a second chart-like svg is counted too');
});

test('hostile ZCC, ZTW, ZDX and ZWA strings render inert in lists, details, the chart and the confirmation', async () => {
  const { page } = ctx.tab;
  const em = ctx.stack.emulator;
  // ZCC: a host name and a user; the removal confirmation quotes the name.
  await visit('#/zcc/devices', XSS_IMG);
  assert.ok((await page.textContent('main')).includes(XSS_SCRIPT));
  const devices = (await emulatorGet(em, '/zcc/papi/public/v1/getDevices?pageSize=100')).body;
  await visit(`#/zcc/devices/${encodeURIComponent(devices.find((d) => d.user === XSS_SCRIPT).udid)}`, XSS_SCRIPT);
  await visit(`#/zcc/devices/${encodeURIComponent(devices.find((d) => d.machineHostname === XSS_IMG).udid)}`, XSS_IMG);
  await page.click('main button.danger:has-text("Remove")');
  await page.waitForSelector('#confirm[open]');
  assert.equal(await page.textContent('#confirm-text'), `Remove 1 device, “${XSS_IMG}”?`);
  assert.deepEqual(await injected(page), CLEAN, 'confirmation');
  await page.click('#confirm button[value="cancel"]');
  // ZTW locations.
  await visit('#/ztw/locations', XSS_IMG);
  const locations = (await emulatorGet(em, '/ztw/api/v1/location')).body;
  await visit(`#/ztw/locations/${locations.find((l) => l.name === XSS_IMG).id}`, XSS_IMG);
  // ZDX: the application's name is in the list, the heading, the chart's
  // <title> and the table caption, all as text.
  await visit('#/zdx/applications', XSS_SCRIPT);
  const app = (await emulatorGet(em, '/zdx/v1/apps')).body.find((a) => a.name === XSS_SCRIPT);
  await visit(`#/zdx/applications/${app.id}`, XSS_SCRIPT, { charts: 1 });
  assert.equal(await page.$eval('svg.score-chart > title', (t) => t.textContent), `${XSS_SCRIPT}: score, last 2 hours`);
  assert.ok((await page.textContent('table.points caption')).includes(XSS_SCRIPT));
  // ZWA: the user's name and email, a note's body and author.
  await visit('#/zwa/incidents', XSS_SCRIPT);
  const incidents = (await emulatorCall(em, 'POST', '/zwa/dlp/v1/incidents/search?pageSize=100', {})).body.incidents;
  const hostile = incidents.find((i) => i.userInfo?.name === XSS_SCRIPT && (i.notes ?? []).some((n) => n.body.includes(XSS_IMG)))
    ?? incidents.find((i) => i.userInfo?.name === XSS_SCRIPT);
  await visit(`#/zwa/incidents/${encodeURIComponent(hostile.internalId)}`, XSS_SCRIPT);
  await page.waitForFunction(() => !/Loading/.test(document.querySelector('main').textContent));
  const main = await page.textContent('main');
  for (const n of hostile.notes ?? []) assert.ok(main.includes(n.body), 'each note body shows as text');
  assert.deepEqual(await injected(page), CLEAN, 'incident sections');
  // A hostile user-name search is sent as data and echoed as text.
  await page.goto(`${ctx.stack.base}/#/zcc/devices`);
  await page.fill('#q', XSS_IMG);
  await page.press('#q', 'Enter');
  await page.waitForSelector('main .empty');
  assert.ok((await page.textContent('main .empty')).includes(XSS_IMG));
  assert.deepEqual(await injected(page), CLEAN);
  assert.deepEqual(ctx.tab.events.dialogs, []);
  assert.deepEqual(ctx.tab.events.errors, []);
});
