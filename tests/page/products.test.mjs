// The ZCC, ZTW, ZDX and ZWA sections against the emulator's demo tenant:
// each lists the seeded data; ZCC devices are searched by user and removed
// after a confirmation that states the count (Cancel removes nothing);
// a ZWA incident is closed with a note that reads back; the ZDX score
// chart has one point per value, the same values as its table, and an
// accessible SVG built from numbers only.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { control, emulatorCall, emulatorGet } from './stack.mjs';
import { listReady, rowNames, shot } from './browser.mjs';
import { useConsole } from './setup.mjs';

const ZCC = '/zcc/papi/public/v1';
const ctx = useConsole({ list: false });

const devices = async () => (await emulatorGet(ctx.stack.emulator, `${ZCC}/getDevices?page=1&pageSize=100`)).body;
const incidents = async () => (await emulatorCall(ctx.stack.emulator, 'POST', '/zwa/dlp/v1/incidents/search?page=1&pageSize=100', {})).body.incidents;

async function openList(route) {
  const { page } = ctx.tab;
  await page.goto(`${ctx.stack.base}/#/${route}`);
  await page.waitForFunction((r) => location.hash === `#/${r}` && document.querySelector('main h1'), route);
  await listReady(page);
}

/** The first page of each list, as the emulator has it, by row name. */
const FIRST_PAGES = {
  'zcc/devices': async () => (await emulatorGet(ctx.stack.emulator, `${ZCC}/getDevices?page=1&pageSize=20`)).body.map((d) => d.machineHostname),
  'ztw/connector-groups': async () => (await emulatorGet(ctx.stack.emulator, '/ztw/api/v1/ecgroup?page=1&pageSize=20')).body.map((g) => g.name),
  'ztw/locations': async () => (await emulatorGet(ctx.stack.emulator, '/ztw/api/v1/location?page=1&pageSize=20')).body.map((l) => l.name),
  'zdx/applications': async () => (await emulatorGet(ctx.stack.emulator, '/zdx/v1/apps')).body.map((a) => a.name),
  'zwa/incidents': async () => (await emulatorCall(ctx.stack.emulator, 'POST', '/zwa/dlp/v1/incidents/search?page=1&pageSize=20', {})).body.incidents.map((i) => i.transactionId),
};

test('each new view lists the seeded rows of its first page, titled from the registry', async () => {
  const { page } = ctx.tab;
  const titles = Object.fromEntries((await (await fetch(`${ctx.stack.base}/products.json`)).json()).products.map((p) => [p.name, p.title]));
  for (const [route, expected] of Object.entries(FIRST_PAGES)) {
    await openList(route);
    const want = await expected();
    assert.ok(want.length > 0, `${route}: the seed has rows`);
    assert.deepEqual((await rowNames(page)).sort(), want.sort(), route);
    assert.equal(await page.textContent('main h1 .product'), titles[route.split('/')[0]], `${route} product label`);
  }
});

test('ZCC devices are searched by user name through the API\'s username filter', async () => {
  const { page } = ctx.tab;
  const all = await devices();
  const user = all[1].user;
  const want = all.filter((d) => d.user === user).map((d) => d.machineHostname);
  assert.ok(want.length < all.length, 'the search narrows the list');
  const asked = [];
  page.on('request', (r) => { if (r.url().includes('/getDevices?')) asked.push(new URL(r.url()).searchParams.get('username')); });
  await openList('zcc/devices');
  await page.fill('#q', user);
  await page.press('#q', 'Enter');
  await page.waitForFunction((n) => document.querySelectorAll('table.results tbody tr').length === n, want.length);
  assert.deepEqual((await rowNames(page)).sort(), want.sort());
  assert.equal(asked.at(-1), user);
});

test('removing several ZCC devices states the count; Cancel keeps them, Remove marks them', async () => {
  await control(ctx.stack.emulator, 'reset');
  const { page } = ctx.tab;
  await openList('zcc/devices');
  const registered = (await devices()).filter((d) => d.registrationState === 'Registered').slice(0, 3);
  for (const d of registered) {
    await page.check(`table.results tbody tr:has(th a[href$="${encodeURIComponent(d.udid)}"]) td.select input`);
  }
  assert.equal(await page.textContent('button.bulk'), 'Remove selected (3)');
  await page.click('button.bulk');
  await page.waitForSelector('#confirm[open]');
  assert.equal(await page.textContent('#confirm-text'), 'Remove 3 devices?');
  assert.equal(await page.textContent('#confirm-ok'), 'Remove');
  await shot(page, 'zcc-remove-confirm-desktop');
  await page.keyboard.press('Enter'); // the focus starts on Cancel
  await page.waitForFunction(() => !document.querySelector('#confirm').open);
  const afterCancel = await devices();
  for (const d of registered) assert.equal(afterCancel.find((x) => x.udid === d.udid).registrationState, 'Registered', 'Cancel removed nothing');

  await page.click('button.bulk');
  await page.click('#confirm-ok');
  await page.waitForFunction(() => /Removed 3 devices/.test(document.querySelector('#notice').textContent));
  const after = await devices();
  for (const d of registered) assert.equal(after.find((x) => x.udid === d.udid).registrationState, 'Removal Pending', d.machineHostname);
  assert.equal(after.filter((d) => d.registrationState === 'Removal Pending').length,
    afterCancel.filter((d) => d.registrationState === 'Removal Pending').length + 3, 'no other device was touched');
  // The list reloads and shows the new state.
  await page.waitForFunction((name) => [...document.querySelectorAll('table.results tbody tr')]
    .some((tr) => tr.querySelector('th').textContent === name && tr.textContent.includes('Removal Pending')), registered[0].machineHostname);
});

test('removing one ZCC device from its page names it in the confirmation', async () => {
  const { page } = ctx.tab;
  const d = (await devices()).find((x) => x.registrationState === 'Registered');
  await page.goto(`${ctx.stack.base}/#/zcc/devices/${encodeURIComponent(d.udid)}`);
  await page.waitForSelector('dl.fields');
  assert.ok((await page.textContent('main h1')).includes(d.machineHostname));
  await page.click('main button.danger:has-text("Remove")');
  await page.waitForSelector('#confirm[open]');
  assert.equal(await page.textContent('#confirm-text'), `Remove 1 device, “${d.machineHostname}”?`);
  await page.click('#confirm-ok');
  await page.waitForFunction(() => location.hash === '#/zcc/devices');
  assert.match(await page.textContent('#notice'), /Removed 1 device\./);
  assert.equal((await devices()).find((x) => x.udid === d.udid).registrationState, 'Removal Pending');
});

test('a ZWA incident shows its notes and evidence, and closes with a note that reads back', async () => {
  await control(ctx.stack.emulator, 'reset');
  const { page } = ctx.tab;
  const open = (await incidents()).find((i) => i.status === 'OPEN' && (i.notes ?? []).length > 0);
  await page.goto(`${ctx.stack.base}/#/zwa/incidents/${encodeURIComponent(open.internalId)}`);
  await page.waitForSelector('form.note-action');
  const notes = () => page.textContent('section.extra:has(h2:text-is("Notes"))');
  await page.waitForFunction(() => !/Loading/.test(document.querySelector('main').textContent));
  assert.ok((await notes()).includes(open.notes[0].body), 'the seeded note is shown');
  const evidence = (await emulatorGet(ctx.stack.emulator, `/zwa/dlp/v1/incidents/${open.internalId}/evidence`)).body;
  const evidenceText = await page.textContent('section.extra:has(h2:text-is("Evidence"))');
  assert.ok(evidenceText.includes(evidence.evidenceURL), 'the evidence URL is shown as text');
  assert.equal(await page.$(`main a[href="${evidence.evidenceURL}"]`), null, 'and never as a link');

  await page.click('form.note-action button[type="submit"]');
  assert.equal(await page.textContent('#action-message'), 'Closing note is required.');
  const note = 'Closed by the page test: the file held no customer data.';
  await page.fill('#action-note', note);
  await page.fill('#action-code', 'FALSE_POSITIVE');
  await page.click('form.note-action button[type="submit"]');
  await page.waitForFunction(() => /Closed the DLP incident/.test(document.querySelector('#notice').textContent));
  await page.waitForFunction((n) => document.querySelector('main').textContent.includes(n) && !document.querySelector('form.note-action'), note);
  assert.match(await page.textContent('dl.fields'), /CLOSED/);
  assert.ok((await notes()).includes(note), 'the closing note reads back on the page');
  const back = (await emulatorGet(ctx.stack.emulator, `/zwa/dlp/v1/incidents/${open.internalId}`)).body;
  assert.equal(back.status, 'CLOSED');
  assert.equal(back.closedCode, 'FALSE_POSITIVE');
  assert.ok(back.notes.some((n) => n.body === note), 'the API holds the note');
});

test('the ZDX score chart has one point per value, the same values as its table, and is accessible', async () => {
  const { page } = ctx.tab;
  const app = (await emulatorGet(ctx.stack.emulator, '/zdx/v1/apps')).body[0];
  const scoreAnswer = page.waitForResponse((r) => r.url().includes(`/zdx/v1/apps/${app.id}/score`));
  await page.goto(`${ctx.stack.base}/#/zdx/applications/${app.id}`);
  const res = await scoreAnswer;
  const asked = new URL(res.url()).searchParams;
  assert.equal(Number(asked.get('to')) - Number(asked.get('from')), 7200, 'the default window is the last 2 hours');
  // The same window read from the emulator: the browser may drop a
  // response body once the view re-renders.
  const series = (await emulatorGet(ctx.stack.emulator, `/zdx/v1/apps/${app.id}/score?${asked}`)).body;
  const values = series.datapoints.map((p) => String(p.value));
  assert.ok(values.length >= 2, 'the seed has a series in the window');
  await page.waitForSelector('svg.score-chart');

  const chart = await page.$eval('svg.score-chart', (svg) => {
    const labelled = svg.getAttribute('aria-labelledby').split(' ').map((id) => document.getElementById(id)?.textContent);
    // Attributes whose values are not data: names and fixed words of ours.
    const WORDS = new Set(['class', 'role', 'aria-labelledby', 'id', 'text-anchor', 'viewBox', 'points', 'd', 'transform']);
    const wordy = [...svg.querySelectorAll('*'), svg].flatMap((el) => [...el.attributes]
      .filter((a) => !WORDS.has(a.name) && !Number.isFinite(Number(a.value))).map((a) => `${el.tagName} ${a.name}=${a.value}`));
    return {
      role: svg.getAttribute('role'),
      title: svg.querySelector(':scope > title')?.textContent,
      desc: svg.querySelector(':scope > desc')?.textContent,
      labelled,
      points: svg.querySelectorAll('circle.point').length,
      texts: [...svg.querySelectorAll('text')].map((t) => t.textContent),
      wordy,
      ys: [...svg.querySelectorAll('circle.point')].map((c) => Number(c.getAttribute('cy'))),
    };
  });
  assert.equal(chart.role, 'img');
  assert.ok(chart.title.includes(app.name), 'the title names the application');
  assert.match(chart.desc, new RegExp(`^${values.length} scores from`));
  assert.deepEqual(chart.labelled, [chart.title, chart.desc], 'aria-labelledby names the title and description');
  assert.equal(chart.points, values.length, 'one point per series value');
  assert.ok(chart.texts.includes('Score') && chart.texts.includes('Time (UTC)'), 'axis titles');
  assert.deepEqual(chart.wordy, [], 'every other attribute is a number');
  // Higher scores are drawn higher (smaller y): the order of the values.
  const order = (xs) => xs.map((_, i) => i).sort((a, b) => xs[a] - xs[b] || a - b);
  const byValue = order(series.datapoints.map((p) => p.value));
  const byHeight = order(chart.ys.map((y) => -y));
  assert.deepEqual(byHeight.map((i) => series.datapoints[i].value), byValue.map((i) => series.datapoints[i].value));

  const table = await page.$$eval('table.points tbody tr', (trs) => trs.map((tr) => [tr.querySelector('th').textContent, tr.querySelector('td').textContent]));
  assert.deepEqual(table.map(([, v]) => v), values, 'the table has the same values, in time order');
  assert.deepEqual(table.map(([t]) => t), series.datapoints.map((p) => new Date(p.timestamp * 1000).toISOString().slice(11, 16)));
});

test('ZTW connector group and location details show their fields', async () => {
  const { page } = ctx.tab;
  const group = (await emulatorGet(ctx.stack.emulator, '/ztw/api/v1/ecgroup')).body[0];
  await page.goto(`${ctx.stack.base}/#/ztw/connector-groups/${group.id}`);
  await page.waitForSelector('dl.fields');
  assert.ok((await page.textContent('main h1')).includes(group.name));
  assert.ok((await page.textContent('dl.fields')).includes(group.vms[0].name), 'the connector VMs are named');
  const location = (await emulatorGet(ctx.stack.emulator, '/ztw/api/v1/location')).body[0];
  await page.goto(`${ctx.stack.base}/#/ztw/locations/${location.id}`);
  await page.waitForSelector('dl.fields');
  assert.ok((await page.textContent('main h1')).includes(location.name));
  assert.ok((await page.textContent('dl.fields')).includes(location.tz));
});
