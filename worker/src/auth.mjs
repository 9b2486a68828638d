// Who is calling: a password-mode session cookie or a verified identity
// header from a trusted proxy, plus the /auth/* and /token routes.
import { HEADER as ACCESS_HEADER } from './access-jwt.mjs';
import { error, foreignOrigin, json, noContent, readLimited } from './http.mjs';
import { verifyPassword } from './password.mjs';
import { clearCookie, isPlainLocal, readCookie, setCookie } from './sessions.mjs';

let warnedPlainLocal = false;

/** The caller's session `{ id, expires, email? }`, or null. */
export async function identify(request, state) {
  if (state.config.auth.mode === 'access') {
    const claims = await state.verifier.verify(request.headers.get(ACCESS_HEADER));
    if (!claims) return null;
    // `email` names the admin in the audit trail.
    return { id: `access:${claims.sub ?? claims.email ?? ''}`, expires: claims.exp * 1000, email: claims.email };
  }
  return state.sessions.check(readCookie(request));
}

function clientKey(request, config) {
  // Without a header a trusted edge sets, every caller shares one bucket:
  // stricter, but a spoofed header can never buy extra guesses.
  return (config.clientIpHeader && request.headers.get(config.clientIpHeader)) || 'shared';
}

async function login(request, state) {
  const { config, sessions, tenant } = state;
  if (config.auth.mode !== 'password') return error(404, 'login is handled by the identity proxy');
  if (foreignOrigin(request)) return error(403, 'cross-origin request refused');
  const key = clientKey(request, config);
  const wait = await tenant.login.wait(key);
  if (wait) return error(429, 'too many login attempts', { 'retry-after': String(wait) });
  const text = await readLimited(request, 4096);
  let password;
  try {
    password = JSON.parse(text ?? '').password;
  } catch {
    return error(400, 'expected JSON {"password": "..."}');
  }
  if (!(await verifyPassword(password, config.auth.hash))) {
    await tenant.login.failed(key);
    return error(401, 'wrong password');
  }
  // Rotation: the old session (if any) dies, the new one gets a fresh id.
  const previous = await sessions.check(readCookie(request));
  if (previous) await sessions.revoke(previous);
  const url = new URL(request.url);
  if (isPlainLocal(url) && !warnedPlainLocal) {
    warnedPlainLocal = true;
    console.log('plain-http localhost: session cookie sent without Secure and without the __Host- prefix (demo only)');
  }
  const created = await sessions.create();
  return noContent({ 'set-cookie': setCookie(url, created.value, config.sessionTtl) });
}

async function logout(request, state) {
  if (foreignOrigin(request)) return error(403, 'cross-origin request refused');
  if (state.config.auth.mode === 'password') {
    const current = await state.sessions.check(readCookie(request));
    if (current) await state.sessions.revoke(current);
  }
  return noContent({ 'set-cookie': clearCookie(new URL(request.url)) });
}

async function describe(request, state) {
  const session = await identify(request, state);
  if (!session) return json(200, { authenticated: false });
  const { config } = state;
  return json(200, { authenticated: true, readOnly: config.readOnly, customerId: config.customerId, tokenMediating: config.tokenMediating });
}

/** Token-mediating mode: hands the OneAPI token to the session. */
export async function mediateToken(state) {
  const { config, client } = state;
  if (config.readOnly) return error(403, 'read-only role: a token would carry full admin rights');
  try {
    const { accessToken, expiresAt } = await client.mintAccessToken();
    const expiresIn = Math.max(0, Math.floor((expiresAt - Date.now()) / 1000));
    return json(200, { access_token: accessToken, token_type: 'Bearer', expires_in: expiresIn, expires_at: expiresAt });
  } catch (err) {
    console.error(`token mint failed: ${err?.name} ${err?.code ?? ''}`);
    return error(502, 'token request failed', {}, { code: err?.code });
  }
}

/** Routes under /auth/, or null when the path is not one of them. */
export function authRoute(request, state, path) {
  const routes = { 'POST /auth/login': login, 'POST /auth/logout': logout, 'GET /auth/session': describe };
  const handler = routes[`${request.method} ${path}`];
  if (handler) return handler(request, state);
  if (path.startsWith('/auth/')) return error(404, 'not found');
  return null;
}
