// The shipped artifacts must carry no credential: none of the canary
// secrets the tests use, no JWT-shaped token, and no `client_secret=`
// followed by a value. A leak here would mean a test or fixture value was
// compiled into what users download. Build first: scripts/build-wasm.sh.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const ARTIFACTS = ['pkg/zscaler_wasm_bg.wasm', 'pkg/zscaler_wasm.js'];
const JWT = /eyJ[A-Za-z0-9_-]{10,}\.eyJ/;
// The form field name alone is expected; a value right after `=` is not.
const SECRET_FIELD = /client_secret=[^&\s"'`\\]/;

/** Every file under `dir` with one of `exts`, skipping dependencies. */
function sources(dir, exts) {
  const out = [];
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...sources(path, exts));
    else if (exts.some((e) => name.endsWith(e))) out.push(path);
  }
  return out;
}

/**
 * The canary literals the test suites use, read from their sources so a
 * new canary is covered without editing this file. Secrets generated at
 * run time (`canary-${hex}`) are covered by the bare word check below.
 */
function canaries() {
  const found = new Set();
  const literal = /['"`]([^'"`\n$]*canary[^'"`\n$]*)['"`]/gi;
  for (const file of [...sources(join(root, 'tests'), ['.rs', '.mjs', '.js']),
    ...sources(join(root, 'src'), ['.rs'])]) {
    for (const m of readFileSync(file, 'utf8').matchAll(literal)) {
      // Literals mentioning the word in prose are not secrets.
      if (!/\s/.test(m[1].trim()) && m[1].length >= 8) found.add(m[1]);
    }
  }
  return [...found];
}

/** What in `text` looks like a credential, as readable findings. */
function findLeaks(text, known) {
  const leaks = known.filter((c) => text.includes(c)).map((c) => `canary ${c}`);
  if (/canary/i.test(text) && leaks.length === 0) leaks.push('the word "canary"');
  const jwt = text.match(JWT);
  if (jwt) leaks.push(`JWT-shaped ${jwt[0]}`);
  const field = text.match(SECRET_FIELD);
  if (field) leaks.push(`form value ${field[0]}`);
  return leaks;
}

const known = canaries();

test('the suites define canaries to look for', () => {
  assert.ok(known.length >= 2, `found only ${JSON.stringify(known)}`);
});

test('the scan finds each kind of leak (self-check)', () => {
  const buf = Buffer.concat([
    Buffer.from([0, 97, 115, 109]),
    Buffer.from(`..${known[0]}..`),
    Buffer.from('..eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.sig..'),
    Buffer.from('grant_type=client_credentials&client_secret=s3cr3t'),
  ]);
  const leaks = findLeaks(buf.toString('latin1'), known);
  for (const kind of ['canary ', 'JWT-shaped ', 'form value ']) {
    assert.ok(leaks.some((l) => l.startsWith(kind)), `no ${kind}in ${leaks.join('; ')}`);
  }
  assert.deepEqual(findLeaks('client_secretaudience client_secret', known), []);
  assert.deepEqual(findLeaks('a run-time canary-0f3a', []), ['the word "canary"']);
});

for (const artifact of ARTIFACTS) {
  test(`${artifact} holds no credential`, () => {
    const path = join(root, artifact);
    assert.ok(existsSync(path), `${relative(root, path)} is missing: run scripts/build-wasm.sh`);
    // latin1 maps each byte to one char, so binary data scans as text.
    const leaks = findLeaks(readFileSync(path).toString('latin1'), known);
    assert.deepEqual(leaks, [], `${artifact}: ${leaks.join('; ')}`);
  });
}
