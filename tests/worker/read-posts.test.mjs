// The read-only role and POSTs that only read (the spec's `x-zscaler-read`,
// e.g. ZWA's incident search, which the console's incident list uses): the
// registry's `allowlist.read_posts` lets exactly those through for that
// role, and every other POST (closing an incident, removing devices) is
// still refused before it reaches the API.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { call, CSRF, login, startEmulator, startWorker, workerEnv } from './harness.mjs';
import { leakCheck } from './leaks.mjs';
import { root } from '../support/emulator.mjs';
import { registry } from '../support/registry.mjs';

const emuReady = startEmulator();
let emu;
before(async () => {
  emu = await emuReady;
});

const apiRequests = async () => (await (await fetch(`${emu.url}/_emulator/stats`)).json()).api_requests;
const post = (base, cookie, path, body = {}) => call(`${base}/api${path}`, {
  method: 'POST', headers: { cookie, ...CSRF, 'content-type': 'application/json' }, body: JSON.stringify(body),
});

/** A spec's POST paths, each with whether it is marked `x-zscaler-read`
 *  (a line scan: the specs are generated with a fixed layout). */
function postsOf(specFile) {
  const posts = [];
  let path = null;
  let current = null;
  for (const line of readFileSync(`${root}openapi/${specFile}`, 'utf8').split('\n')) {
    const p = /^ {2}(\/\S*):$/.exec(line);
    if (p) { path = p[1]; current = null; continue; }
    const m = /^ {4}(get|put|post|patch|delete):$/.exec(line);
    if (m) {
      current = m[1] === 'post' ? { path, read: false } : null;
      if (current) posts.push(current);
      continue;
    }
    if (current && /^ {6}x-zscaler-read: true$/.test(line)) current.read = true;
  }
  return posts;
}

test('read_posts matches exactly the POSTs the spec marks as reads', () => {
  const withReads = registry.products.filter((p) => p.allowlist?.read_posts);
  assert.ok(withReads.some((p) => p.name === 'zwa'), 'ZWA declares its read POSTs');
  for (const p of withReads) {
    const re = new RegExp(p.allowlist.read_posts);
    const posts = postsOf(`${p.spec_prefix}.yaml`);
    assert.ok(posts.some((x) => x.read), `${p.name} has read POSTs`);
    for (const { path, read } of posts) {
      const concrete = p.gateway + path.replace(/\{[^}]+\}/g, 'abc123');
      assert.equal(re.test(concrete), read, `${concrete} read=${read}`);
    }
  }
});

test('the read-only role may search ZWA incidents but not close one or remove ZCC devices', async () => {
  const base = await startWorker(workerEnv(emu, { READ_ONLY: 'true' }));
  const { cookie } = await login(base);
  const search = await post(base, cookie, '/zwa/dlp/v1/incidents/search?page=1&pageSize=5');
  assert.equal(search.status, 200, search.text);
  assert.ok(Array.isArray(search.json().incidents), 'an incident page came back');

  const before = await apiRequests();
  for (const path of ['/zwa/dlp/v1/incidents/abc123/close', '/zwa/dlp/v1/incidents/abc123/notes',
    '/zwa/dlp/v1/incidents/search/extra', '/zcc/papi/public/v1/removeDevices', '/zcc/papi/public/v1/forceRemoveDevices']) {
    const res = await post(base, cookie, path, { notes: 'x', udids: ['u1'] });
    assert.equal(res.status, 403, path);
    assert.deepEqual(res.json(), { error: 'read-only role' }, path);
  }
  // A read POST is still only a POST: other methods on it stay refused.
  const put = await call(`${base}/api/zwa/dlp/v1/incidents/search`, { method: 'PUT', headers: { cookie, ...CSRF }, body: '{}' });
  assert.equal(put.status, 403);
  assert.equal(await apiRequests(), before, 'no refused call reached the API');
});

test('a full-rights session may still close and remove (the read list changes nothing for it)', async () => {
  const base = await startWorker(workerEnv(emu));
  const { cookie } = await login(base);
  const res = await post(base, cookie, '/zcc/papi/public/v1/removeDevices', { udids: ['no-such-udid'] });
  assert.notEqual(res.status, 403, res.text);
});

leakCheck(emuReady);
