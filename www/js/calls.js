// Every API call goes through run(): it waits out rate limits with a
// visible countdown, and turns an expired session into a sign-in prompt.
import { isRetryableRateLimit, isSessionExpired, retryAfterSeconds } from './errors.js';
import { notify, clearNotice } from './notice.js';

const MAX_RATE_LIMIT_RETRIES = 3;
const sleep = (ms) => new Promise((ok) => setTimeout(ok, ms));

async function countdown(seconds) {
  for (let left = seconds; left > 0; left -= 1) {
    notify(`Rate limited by the API: retrying in ${left} s…`, 'warn', { sticky: true });
    await sleep(1000);
  }
  clearNotice();
}

export async function run(fn) {
  for (let retry = 0; ; retry += 1) {
    try {
      return await fn();
    } catch (err) {
      if (isSessionExpired(err)) window.dispatchEvent(new CustomEvent('session-expired'));
      if (!isRetryableRateLimit(err) || retry >= MAX_RATE_LIMIT_RETRIES) throw err;
      await countdown(retryAfterSeconds(err));
    }
  }
}
