// The read-only role (the worker's READ_ONLY) in the new sections: every
// view still reads (the ZWA list is a search POST the worker lets through
// as a read), no write control is offered, and a write sent anyway is
// refused by the worker before it reaches the API.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { emulatorCall, emulatorGet } from './stack.mjs';
import { listReady, rowNames, shot } from './browser.mjs';
import { useConsole } from './setup.mjs';

const ZCC = '/zcc/papi/public/v1';
// The stand-in backend and a reused stack have no read-only role to test.
const skip = process.env.PAGE_BACKEND === 'standin' || Boolean(process.env.PAGE_URL);
const ctx = skip ? null : useConsole({ env: { READ_ONLY: 'true' }, list: false });

/** Write controls anywhere on the page (the confirm dialog's own buttons aside). */
const writeControls = (page) => page.$$eval(
  'main button.danger, main button.bulk, main .select input, main form.note-action, main a.button.primary, #activation:not([hidden]) #activate:not([hidden])',
  (els) => els.map((e) => e.outerHTML.slice(0, 80)),
);

test('read-only: the new views list and show, with no write control', { skip }, async () => {
  const { page, events } = ctx.tab;
  assert.match(await page.textContent('#who'), /read-only/);
  for (const route of ['zcc/devices', 'ztw/connector-groups', 'ztw/locations', 'zdx/applications', 'zwa/incidents']) {
    await page.goto(`${ctx.stack.base}/#/${route}`);
    await page.waitForFunction((r) => location.hash === `#/${r}`, route);
    await listReady(page);
    assert.ok((await rowNames(page)).length > 0, `${route} lists rows for the read-only role`);
    assert.deepEqual(await writeControls(page), [], `${route} offers no write`);
  }
  const device = (await emulatorGet(ctx.stack.emulator, `${ZCC}/getDevices?page=1&pageSize=1`)).body[0];
  await page.goto(`${ctx.stack.base}/#/zcc/devices/${encodeURIComponent(device.udid)}`);
  await page.waitForSelector('dl.fields');
  assert.deepEqual(await writeControls(page), [], 'no Remove on a device');
  const incident = (await emulatorCall(ctx.stack.emulator, 'POST', '/zwa/dlp/v1/incidents/search', {})).body.incidents
    .find((i) => i.status === 'OPEN');
  await page.goto(`${ctx.stack.base}/#/zwa/incidents/${encodeURIComponent(incident.internalId)}`);
  await page.waitForSelector('section.extra');
  assert.deepEqual(await writeControls(page), [], 'no close form on an open incident');
  await shot(page, 'zwa-incident-readonly-desktop');
  assert.deepEqual(events.errors, []);
});

test('read-only: a write sent from the page anyway is refused and changes nothing', { skip }, async () => {
  const { page } = ctx.tab;
  const device = (await emulatorGet(ctx.stack.emulator, `${ZCC}/getDevices?page=1&pageSize=1`)).body[0];
  const incident = (await emulatorCall(ctx.stack.emulator, 'POST', '/zwa/dlp/v1/incidents/search', {})).body.incidents
    .find((i) => i.status === 'OPEN');
  const answers = await page.evaluate(async ([udid, id]) => {
    const send = async (path, body) => {
      const res = await fetch(`/api${path}`, { method: 'POST', body: JSON.stringify(body),
        headers: { 'content-type': 'application/json', 'x-requested-with': 'zscaler-wasm' } });
      return [res.status, await res.json()];
    };
    return [
      await send('/zcc/papi/public/v1/removeDevices', { udids: [udid] }),
      await send(`/zwa/dlp/v1/incidents/${encodeURIComponent(id)}/close`, { notes: 'not allowed' }),
    ];
  }, [device.udid, incident.internalId]);
  assert.deepEqual(answers, [[403, { error: 'read-only role' }], [403, { error: 'read-only role' }]]);
  const after = (await emulatorGet(ctx.stack.emulator, `${ZCC}/getDevices?page=1&pageSize=1`)).body[0];
  assert.equal(after.registrationState, device.registrationState);
  const back = (await emulatorGet(ctx.stack.emulator, `/zwa/dlp/v1/incidents/${incident.internalId}`)).body;
  assert.equal(back.status, 'OPEN');
});
