// The backend worker's /auth/* contract: a password sign-in that sets an
// HttpOnly session cookie, sign-out, and a session probe.
const HEADERS = { 'content-type': 'application/json', 'x-requested-with': 'zscaler-wasm' };

export async function getSession() {
  const res = await fetch('/auth/session', { cache: 'no-store' });
  if (!res.ok) return { authenticated: false };
  return res.json();
}

/** Resolves to null on success, else to a message for the user. */
export async function signIn(password) {
  let res;
  try {
    res = await fetch('/auth/login', { method: 'POST', headers: HEADERS, body: JSON.stringify({ password }) });
  } catch {
    return 'The console server did not answer. Check that it is running and try again.';
  }
  if (res.ok) return null;
  if (res.status === 401) return 'That password is not correct.';
  if (res.status === 429) return 'Too many sign-in attempts. Wait a minute and try again.';
  return `Sign-in failed (HTTP ${res.status}). Try again.`;
}

export async function signOut() {
  await fetch('/auth/logout', { method: 'POST', headers: HEADERS }).catch(() => {});
}
