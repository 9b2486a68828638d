// Turns the client's typed errors into sentences an admin can act on.

export function isSessionExpired(err) {
  return err?.name === 'AuthError' || err?.status === 401;
}

// A wait of minutes or more (a server's long Retry-After, a daily quota
// used up) is not worth an automatic retry.
export function isRetryableRateLimit(err) {
  return err?.name === 'RateLimitError' && err.code !== 'RETRY_TOO_LONG' && !(Number(err.retryAfter) > 60);
}

export function retryAfterSeconds(err) {
  const n = Math.ceil(Number(err?.retryAfter));
  return Number.isFinite(n) && n > 0 ? n : 2;
}

function sentence(err) {
  if (isSessionExpired(err)) return 'Your session has expired. Sign in again to continue.';
  if (err?.name === 'RateLimitError') {
    return `The API rate limit was reached. Try again in ${retryAfterSeconds(err)} s.`;
  }
  if (err?.name === 'ReadOnlyError') {
    return 'ZIA is in read-only maintenance mode, so changes cannot be saved right now. Viewing still works; save again later.';
  }
  if (err?.productCode === 'EDIT_LOCK_NOT_AVAILABLE') {
    return 'Another admin session holds the ZIA edit lock. Wait a moment, then save again.';
  }
  if (err?.name === 'TimeoutError') return 'The server did not answer in time. Try again.';
  if (err?.name === 'TransportError') return 'The console could not reach its server. Check the connection and try again.';
  if (err?.status === 404) return 'Not found: it may have been deleted in the meantime.';
  if (err?.status === 403) return `Permission denied: ${err.message}`;
  if (err?.status === 400 || err?.status === 409 || err?.status === 422) {
    return `The server refused the change: ${err.message}`;
  }
  return `Something went wrong: ${err?.message ?? String(err)}`;
}

/** The user-facing text for an error, with the request id support needs. */
export function describe(err) {
  const id = err?.requestId ? ` (request id ${err.requestId})` : '';
  return sentence(err) + id;
}
