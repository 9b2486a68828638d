// The size budget check on the built package (dist/npm).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { root, run } from './harness.mjs';

const check = (env = {}) =>
  run(process.execPath, [`${root}scripts/size-check.mjs`, `${root}dist/npm`], { env: { ...process.env, ...env } });

test('every entry point is within its gzipped size budget', async () => {
  const { stdout } = await check();
  console.log(stdout);
  for (const entry of ['browser', 'node', 'workerd']) assert.match(stdout, new RegExp(`^${entry} `, 'm'));
  assert.doesNotMatch(stdout, /OVER BUDGET/);
  // Each product entry is listed, and smaller than all products together.
  const total = (line) => Number(line.trim().split(/\s+/).at(-2));
  const all = total(stdout.split('\n').find((l) => l.startsWith('browser ')));
  const names = JSON.parse(readFileSync(`${root}products.json`, 'utf8')).products.map((p) => p.name);
  assert.ok(names.length >= 7);
  for (const p of names) {
    const line = stdout.split('\n').find((l) => l.startsWith(`${p} browser `));
    assert.ok(line, `${p} entry checked`);
    assert.ok(total(line) < all * 0.8, `${p}: ${total(line)} KiB against ${all} KiB for all products`);
  }
});

test('the check fails when an entry point is over budget', async () => {
  await assert.rejects(check({ ZSCALER_SIZE_BUDGET_KIB: '1' }), (err) => err.code === 1 && /OVER BUDGET/.test(err.stdout));
});
