// The leak check every test file ends with: no response the tests saw
// held the client secret, and none outside /token held a token.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { recorded, TOKEN_RE } from './harness.mjs';

export function leakCheck(emuPromise) {
  test('no response carried the client secret or an access token', async () => {
    const { secret } = await emuPromise;
    const all = recorded();
    assert.ok(all.length > 0, 'the file made calls to check');
    for (const { url, text } of all) {
      assert.ok(!text.includes(secret), `secret in response of ${url}`);
      if (!new URL(url).pathname.startsWith('/token')) assert.doesNotMatch(text, TOKEN_RE, `token in response of ${url}`);
    }
  });
}
