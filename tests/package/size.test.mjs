// The size budget check on the built package (dist/npm).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { root, run } from './harness.mjs';

const check = (env = {}) =>
  run(process.execPath, [`${root}scripts/size-check.mjs`, `${root}dist/npm`], { env: { ...process.env, ...env } });

test('every entry point is within its gzipped size budget', async () => {
  const { stdout } = await check();
  console.log(stdout);
  for (const entry of ['browser', 'node', 'workerd']) assert.match(stdout, new RegExp(`^${entry} `, 'm'));
  assert.doesNotMatch(stdout, /OVER BUDGET/);
});

test('the check fails when an entry point is over budget', async () => {
  await assert.rejects(check({ ZSCALER_SIZE_BUDGET_KIB: '1' }), (err) => err.code === 1 && /OVER BUDGET/.test(err.stdout));
});
