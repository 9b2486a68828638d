// Recorded traffic through the JS client: every successful JSON answer the
// official SDK's cassettes hold (../shared/recorded) is served to the
// operation the specs route it to, through a custom `fetch`. The client must
// send the recorded method, path and body, accept the answer (the schema
// check is on, as by default) and hand back exactly the recorded values,
// integers beyond 2^53 as BigInts. The native conformance test holds the
// generated Rust types to the same traffic; this holds the JS path (the
// argument check, the request builder, the text scan and JSON.parse).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { ZscalerClient, root_dir } from './harness.mjs';
import { member, parseExact, recordedDir } from '../support/recorded.mjs';
import { registry } from '../support/registry.mjs';

/** `{method, template, id, body}` rows of every operation in a product's
 * spec files, read line by line (the specs are block-style YAML with
 * paths at two spaces, methods at four and their keys at six). */
function operations(product) {
  const rows = [];
  const files = readdirSync(`${root_dir}openapi`).filter((f) => f.startsWith(product.spec_prefix) && f.endsWith('.yaml'));
  for (const file of files) {
    let path = null;
    let op = null;
    let inPaths = false;
    for (const line of readFileSync(`${root_dir}openapi/${file}`, 'utf8').split('\n')) {
      if (/^\S/.test(line)) inPaths = line.startsWith('paths:');
      if (!inPaths) continue;
      let m;
      if ((m = /^ {2}(\/\S*):\s*$/.exec(line))) path = m[1];
      else if ((m = /^ {4}(get|post|put|patch|delete):\s*$/.exec(line))) rows.push(op = { method: m[1].toUpperCase(), template: path, body: false });
      else if (op && (m = /^ {6}operationId:\s*(\S+)/.exec(line))) op.id = m[1];
      else if (op && /^ {6}requestBody:/.test(line)) op.body = true;
    }
  }
  return rows;
}

/** The operation a recorded path names, with its path parameters. */
function route(ops, method, path) {
  for (const op of ops) {
    if (op.method !== method) continue;
    const names = [];
    const pattern = op.template.replace(/[.*+?^$()|[\]\\]/g, '\\$&')
      .replace(/\\?\{([^}]+)\\?\}/g, (_, name) => { names.push(name); return '([^/]+)'; });
    const m = new RegExp(`^${pattern}$`).exec(path);
    if (m) return { op, params: Object.fromEntries(names.map((n, i) => [n, decodeURIComponent(m[i + 1])])) };
  }
  return null;
}

/** Argument values as a caller would give them: digit strings as numbers
 * (or BigInts) unless the operation wants strings. */
function typed(value, strings) {
  if (Array.isArray(value)) return value.map((v) => typed(v, strings));
  if (strings || !/^-?\d+$/.test(value)) return /^(true|false)$/i.test(value) ? value.toLowerCase() === 'true' : value;
  return Number.isSafeInteger(Number(value)) ? Number(value) : BigInt(value);
}

/** Every recorded success with a JSON body (or, with `errors`, every
 * error answer), with the operation it routes to; a line goes to the
 * product whose gateway prefix its path has. */
function interactions(errors = false) {
  const ops = new Map(registry.products.map((p) => [p.name, operations(p)]));
  const out = [];
  for (const file of readdirSync(recordedDir).filter((f) => f.endsWith('.jsonl'))) {
    for (const line of readFileSync(`${recordedDir}/${file}`, 'utf8').split('\n').filter(Boolean)) {
      const rec = JSON.parse(line);
      const product = registry.products.find((p) => rec.url_path.startsWith(`${p.gateway}/`));
      const wanted = errors ? rec.status >= 400 : rec.status >= 200 && rec.status < 300;
      if (!product || !wanted) continue;
      const body = member(line, 'response_body');
      if (!errors && (!/json/.test(rec.response_headers?.['content-type'] ?? '') || !/^[[{]/.test(body))) continue;
      const found = route(ops.get(product.name), rec.method, rec.url_path.slice(product.gateway.length));
      if (found) out.push({ product, rec, line, body, ...found });
    }
  }
  return out;
}

/** Call the operation on a client whose fetch answers with the recording;
 * resolves to the result and the request the client sent. */
async function replay(item, strings) {
  const { product, rec, op, params, body, line } = item;
  let sent = null;
  const fetch = async (url, init) => {
    if (String(url).includes('/oauth2/')) return Response.json({ access_token: 't', token_type: 'Bearer', expires_in: 3600 });
    sent = { url: new URL(String(url)), method: init.method, body: init.body };
    const headers = rec.response_headers['content-type'] ? { 'content-type': rec.response_headers['content-type'] } : {};
    return new Response(body === 'null' ? null : body, { status: rec.status, headers });
  };
  // Parameters the client always fills (the ZPA customer id) come from its options.
  const fills = Object.fromEntries((product.fills ?? []).filter((f) => f.required).map((f) => [f.param, f.option]));
  // One attempt: a recorded 429 or 409 is answered every time.
  const options = { clientId: 'c', clientSecret: 's', baseUrl: 'http://api.test', tokenUrl: 'http://login.test/oauth2/v1/token', fetch, pacing: false, maxAttempts: 1 };
  const args = {};
  for (const [k, v] of Object.entries(params)) {
    if (fills[k]) options[fills[k]] = v;
    else args[k] = typed(v, strings);
  }
  for (const [k, vs] of Object.entries(rec.query ?? {})) {
    if (fills[k]) options[fills[k]] = vs[0];
    else args[k] = typed(vs.length === 1 ? vs[0] : vs, strings);
  }
  const requestBody = member(line, 'request_body');
  if (op.body && requestBody !== 'null') args.body = parseExact(requestBody);
  const client = new ZscalerClient(options);
  try {
    return { result: await client[product.name][op.id](args), sent };
  } catch (error) {
    error.sent = sent;
    throw error;
  }
}

/** [`replay`] with digit strings as numbers, then, if the client refused
 * those arguments before sending, as strings (the specs type some ids as
 * numbers, some as strings). `{result, sent}`, or `{error}`. */
async function settle(item) {
  let error;
  for (const strings of [false, true]) {
    try {
      return await replay(item, strings);
    } catch (e) {
      error = e;
      if (e.sent) break;
    }
  }
  return { error };
}

/** Where a recorded interaction is, for failure lists. */
const where = ({ rec, op }) => `${rec.cassette}#${rec.index} ${rec.status} ${rec.method} ${rec.url_path} (${op.id})`;

test('every recorded JSON answer comes back exactly through its operation', async () => {
  const items = interactions();
  assert.ok(items.length > 300, `recorded answers matched to operations: ${items.length}`);
  assert.ok(new Set(items.map((i) => i.op.id)).size > 250, 'distinct operations');
  assert.ok(items.filter((i) => i.op.body).length > 100, 'writes with a body');
  const failures = [];
  for (const item of items) {
    const got = await settle(item);
    if (got.error) {
      failures.push(`${where(item)}: ${got.error.name}: ${got.error.message.slice(0, 300)}`);
      continue;
    }
    try {
      assert.equal(got.sent.method, item.rec.method);
      assert.equal(decodeURIComponent(got.sent.url.pathname), item.rec.url_path);
      assert.deepEqual(got.result, parseExact(item.body));
      if (item.op.body && got.sent.body) assert.deepEqual(parseExact(got.sent.body), parseExact(member(item.line, 'request_body')));
    } catch (e) {
      failures.push(`${where(item)}: ${e.message.split('\n').slice(0, 6).join(' ')}`);
    }
  }
  assert.deepEqual(failures, []);
});

test('every recorded error answer rejects with its status and the product code', async () => {
  const items = interactions(true);
  assert.ok(items.length > 30, `recorded errors matched to operations: ${items.length}`);
  const failures = [];
  let refused = 0;
  for (const item of items) {
    const { error } = await settle(item);
    if (!error) {
      failures.push(`${where(item)}: resolved`);
    } else if (!error.sent) {
      // The recorded request was one the spec refuses: the client says so
      // before sending (the server answered it with a 400 too).
      if (item.rec.status !== 400 || error.name !== 'InvalidArgumentError') failures.push(`${where(item)}: not sent: ${error.message}`);
      refused += 1;
    } else {
      const recorded = parseExact(item.body);
      const code = recorded && typeof recorded === 'object' ? recorded.code ?? recorded.id : undefined;
      try {
        assert.equal(error.status, item.rec.status);
        assert.equal(error.operation, item.op.id);
        if (typeof code === 'string') assert.equal(error.productCode, code);
        assert.ok(error instanceof Error && typeof error.code === 'string');
      } catch (e) {
        failures.push(`${where(item)}: ${error.name} ${e.message.split('\n').slice(0, 4).join(' ')}`);
      }
    }
  }
  assert.deepEqual(failures, []);
  assert.ok(refused < items.length / 2, `most errors come from the server, not the argument check (${refused} refused)`);
});
