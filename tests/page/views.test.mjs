// Every view at desktop and phone width: it renders real rows from the
// emulator, nothing overflows sideways on a 390 px phone, every form field
// has a label, and a screenshot of each is saved in tests/page/artifacts/.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { emulatorCall, emulatorGet, ZPA } from './stack.mjs';
import { openPage, signIn, listReady, shot, DESKTOP, PHONE } from './browser.mjs';
import { useConsole } from './setup.mjs';
import { registry } from '../support/registry.mjs';

const LISTS = [
  'zpa/segments', 'zpa/segment-groups', 'zpa/server-groups', 'zpa/idps',
  'zia/users', 'zia/groups', 'zia/departments',
  'zidentity/users', 'zidentity/groups',
  'zcc/devices', 'ztw/connector-groups', 'ztw/locations', 'zdx/applications', 'zwa/incidents',
];

const ctx = useConsole({ tab: false });

/** A detail route of each newer product, with what shows it has loaded. */
const DETAILS = [
  ['zcc-device-detail', async (em) => `zcc/devices/${encodeURIComponent((await emulatorGet(em, '/zcc/papi/public/v1/getDevices?page=1&pageSize=1')).body[0].udid)}`, 'details.raw'],
  ['ztw-connector-group-detail', async (em) => `ztw/connector-groups/${(await emulatorGet(em, '/ztw/api/v1/ecgroup')).body[0].id}`, 'details.raw'],
  ['ztw-location-detail', async (em) => `ztw/locations/${(await emulatorGet(em, '/ztw/api/v1/location')).body[0].id}`, 'details.raw'],
  ['zdx-application-scores', async (em) => `zdx/applications/${(await emulatorGet(em, '/zdx/v1/apps')).body[0].id}`, 'svg.score-chart'],
  ['zwa-incident-detail', async (em) => `zwa/incidents/${encodeURIComponent((await emulatorCall(em, 'POST', '/zwa/dlp/v1/incidents/search', {})).body.incidents[0].internalId)}`, 'form.note-action'],
];

/** What would make a view unusable: sideways scrolling, unlabelled fields. */
const layout = (page) => page.evaluate(() => ({
  overflow: document.documentElement.scrollWidth - window.innerWidth,
  unlabelled: [...document.querySelectorAll('main input, main select, main textarea')]
    .filter((el) => el.type !== 'hidden' && !(el.labels?.length || el.getAttribute('aria-label')))
    .map((el) => el.id || el.name || el.outerHTML.slice(0, 60)),
}));

async function check(page, route, name) {
  const found = await layout(page);
  assert.ok(found.overflow <= 1, `${route} overflows sideways by ${found.overflow} px`);
  assert.deepEqual(found.unlabelled, [], `${route} has unlabelled fields`);
  await shot(page, name);
}

for (const [label, viewport] of [['desktop', DESKTOP], ['phone', PHONE]]) {
  test(`every list, a detail and a form render usably at ${label} width`, async () => {
    const { page, context, events } = await openPage(ctx.browser, viewport);
    await signIn(page, ctx.stack.base);
    for (const route of LISTS) {
      await page.goto(`${ctx.stack.base}/#/${route}`);
      await listReady(page);
      const rows = await page.$$eval('table.results tbody tr', (trs) => trs.length);
      assert.ok(rows > 0, `${route} lists the seeded rows`);
      await check(page, route, `${route.replace('/', '-')}-${label}`);
    }
    const { body } = await emulatorGet(ctx.stack.emulator, `${ZPA}/application?pagesize=1`);
    const id = body.list[0].id;
    await page.goto(`${ctx.stack.base}/#/zpa/segments/${id}`);
    await page.waitForSelector('details.raw');
    await check(page, 'segment detail', `zpa-segment-detail-${label}`);
    await page.goto(`${ctx.stack.base}/#/zpa/segments/${id}/edit`);
    await page.waitForSelector('main form');
    await check(page, 'segment form', `zpa-segment-edit-${label}`);
    for (const [name, routeOf, ready] of DETAILS) {
      await page.goto(`${ctx.stack.base}/#/${await routeOf(ctx.stack.emulator)}`);
      await page.waitForSelector(ready);
      await page.waitForFunction(() => !/Loading…/.test(document.querySelector('main').textContent));
      await check(page, name, `${name}-${label}`);
    }
    assert.deepEqual(events.errors, []);
    await context.close();
  });
}

test('the navigation lists the registry\'s products, in its order, with every view', async () => {
  const { page, context } = await openPage(ctx.browser);
  await signIn(page, ctx.stack.base);
  const groups = await page.$$eval('nav .nav-group', (gs) => gs.map((g) => ({
    title: g.querySelector('.nav-product')?.textContent,
    routes: [...g.querySelectorAll('a')].map((a) => a.getAttribute('href').slice(2)),
  })));
  const want = registry.products
    .map((p) => ({ title: p.title, routes: LISTS.filter((l) => l.startsWith(`${p.name}/`)) }))
    .filter((g) => g.routes.length > 0)
    // Then the audit trail's view (tests/page/activity.test.mjs), not a product's.
    .concat({ title: 'Audit', routes: ['activity'] });
  assert.deepEqual(groups, want);
  await context.close();
});

test('the console can be driven by keyboard alone', async () => {
  const { page, context } = await openPage(ctx.browser);
  await page.goto(`${ctx.stack.base}/`);
  // The form is shown once the wasm has loaded; typing earlier goes nowhere
  // (`focus` does not wait for visibility as `fill` does).
  await page.waitForSelector('#password', { state: 'visible' });
  await page.focus('#password');
  await page.keyboard.type(process.env.PAGE_PASSWORD ?? 'demo-admin');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#app:not([hidden])');
  await listReady(page);
  // From the top of the document (the skip link), Tab walks the header
  // and the navigation in order, and Enter follows a link.
  await page.focus('a.skip');
  const seen = [];
  for (let i = 0; i < 30; i += 1) {
    await page.keyboard.press('Tab');
    const href = await page.evaluate(() => document.activeElement?.getAttribute('href'));
    if (href) seen.push(href);
    if (href === '#/zia/users') break;
  }
  assert.ok(seen.includes('#/zia/users'), `tab order reached ZIA users: ${seen.join(' ')}`);
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => location.hash.startsWith('#/zia/users'));
  // The ZPA list stays in the DOM until the ZIA view replaces it; wait for
  // that, or listReady can see the old table while it is being swapped.
  await page.waitForFunction(() => document.querySelector('main h1')?.textContent === 'ZIA Users');
  await listReady(page);
  assert.ok(await page.$$eval('table.results tbody tr', (trs) => trs.length) > 0);
  await context.close();
});
