// The package's TypeScript surface, checked from the consumer's side on the
// packed tarball: a --strict consumer under both module resolutions users
// have (bundler, nodenext), attw on the tarball, and no `any` in what ships.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { bin, fixtures, installIntoTempProject, run, tarball } from './harness.mjs';

let dir;

before(async () => {
  dir = await installIntoTempProject();
  cpSync(`${fixtures}consumer`, `${dir}/consumer`, { recursive: true });
});
after(() => rmSync(dir, { recursive: true, force: true }));

/** Run tsc; on failure show its diagnostics, not only the exit code. */
async function tsc(project) {
  try {
    await run(bin('tsc'), ['-p', project], { cwd: `${dir}/consumer`, timeout: 180_000, maxBuffer: 16 << 20 });
  } catch (err) {
    assert.fail(`tsc -p ${project}:\n${err.stdout}${err.stderr}`);
  }
}

test('a strict consumer type-checks with bundler resolution, wrong usages included', () =>
  tsc('tsconfig.bundler.json'));

test('a strict consumer type-checks with nodenext resolution', () => tsc('tsconfig.nodenext.json'));

test('a stale @ts-expect-error fails the check, so the wrong usages are really rejected', async () => {
  // Guard against a consumer check that passes vacuously (say, types that
  // resolve to `any`): with one expected error made legal, tsc must fail
  // on exactly that directive.
  const app = readFileSync(`${dir}/consumer/app.ts`, 'utf8');
  const broken = app.replace("{ clientSecrets: 'x' }", "{ clientSecret: 'x' }");
  assert.notEqual(broken, app);
  const line = broken.split('\n').findIndex((l) => l.includes("{ clientSecret: 'x' }"));
  cpSync(`${dir}/consumer`, `${dir}/consumer-broken`, { recursive: true });
  writeFileSync(`${dir}/consumer-broken/app.ts`, broken);
  await assert.rejects(
    run(bin('tsc'), ['-p', 'tsconfig.bundler.json'], { cwd: `${dir}/consumer-broken`, timeout: 180_000 }),
    (err) => err.stdout.trim() === `app.ts(${line},3): error TS2578: Unused '@ts-expect-error' directive.`,
  );
});

test('attw finds no problem in the packed tarball (ESM-only profile)', async () => {
  try {
    await run(bin('attw'), [tarball(), '--profile', 'esm-only', '--format', 'ascii'], { timeout: 180_000, maxBuffer: 16 << 20 });
  } catch (err) {
    assert.fail(`attw:\n${err.stdout}${err.stderr}`);
  }
});

test('no shipped declaration file uses `any`', () => {
  const pkg = `${dir}/node_modules/zscaler-wasm`;
  const files = readdirSync(pkg, { recursive: true }).filter((f) => f.endsWith('.d.ts'));
  assert.ok(files.includes('index.d.ts') && files.includes('zscaler_wasm.d.ts'), files.join(', '));
  for (const f of files) {
    // Strip comments: prose such as "any number of URLs" is not a type.
    const code = readFileSync(`${pkg}/${f}`, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
    assert.doesNotMatch(code, /\bany\b/, f);
  }
});
