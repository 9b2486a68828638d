// Password-mode sessions: the cookie holds `id.expiry.signature` (HMAC-SHA256),
// so any isolate holding SESSION_SECRET can check it; logout revokes the id
// in the revocation list (the tenant's Durable Object, else this isolate:
// see tenant-link.mjs) and clears the cookie. Without SESSION_SECRET each
// isolate signs with its own random key (sessions then live in one isolate).
import { b64urlDecode, b64urlEncode, randomId } from './bytes.mjs';

const SECURE_NAME = '__Host-zs_session';
const LOCAL_NAME = 'zs_session';
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Plain http on loopback (the local demo): browsers drop `Secure` cookies
 *  there, so the cookie goes without `Secure` and without `__Host-`. */
export function isPlainLocal(url) {
  return url.protocol === 'http:' && LOOPBACK.has(url.hostname);
}

export const cookieName = (url) => (isPlainLocal(url) ? LOCAL_NAME : SECURE_NAME);

function cookieAttributes(url, maxAge) {
  const attrs = [`Max-Age=${maxAge}`, 'Path=/', 'HttpOnly', 'SameSite=Strict'];
  if (!isPlainLocal(url)) attrs.push('Secure');
  return attrs.join('; ');
}

export function setCookie(url, value, maxAge) {
  return `${cookieName(url)}=${value}; ${cookieAttributes(url, maxAge)}`;
}

export const clearCookie = (url) => setCookie(url, '', 0);

export function readCookie(request) {
  const name = cookieName(new URL(request.url));
  for (const part of (request.headers.get('cookie') ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}

export class Sessions {
  /** `revocations`: `{ has(id), add(id, expires) }`, both async. */
  constructor(secret, ttlSeconds, revocations) {
    this.ttl = ttlSeconds;
    this.revocations = revocations;
    const raw = secret ? new TextEncoder().encode(secret) : crypto.getRandomValues(new Uint8Array(32));
    this.key = crypto.subtle.importKey('raw', raw, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);
  }

  async create() {
    const id = randomId(24);
    const expires = Date.now() + this.ttl * 1000;
    const payload = `${id}.${expires}`;
    const sig = await crypto.subtle.sign('HMAC', await this.key, new TextEncoder().encode(payload));
    return { id, expires, value: `${payload}.${b64urlEncode(sig)}` };
  }

  /** The live session a cookie value names, or null. */
  async check(value) {
    const parts = String(value ?? '').split('.');
    if (parts.length !== 3 || !/^[\w-]{1,64}$/.test(parts[0]) || !/^\d{1,15}$/.test(parts[1])) return null;
    let sig;
    try {
      sig = b64urlDecode(parts[2]);
    } catch {
      return null;
    }
    const ok = await crypto.subtle.verify('HMAC', await this.key, sig, new TextEncoder().encode(`${parts[0]}.${parts[1]}`));
    const expires = Number(parts[1]);
    // Only a correctly signed, unexpired cookie costs a revocation lookup.
    if (!ok || expires <= Date.now() || (await this.revocations.has(parts[0]))) return null;
    return { id: parts[0], expires };
  }

  revoke(session) {
    return this.revocations.add(session.id, session.expires);
  }
}
