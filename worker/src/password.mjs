// Admin password hashes: `pbkdf2-sha256$ITERATIONS$SALT$HASH` (salt and
// hash base64url). Workers cap PBKDF2 at 100000 iterations.
import { b64urlDecode, b64urlEncode, equalBytes } from './bytes.mjs';

const PREFIX = 'pbkdf2-sha256';
export const MAX_ITERATIONS = 100_000;

async function derive(password, salt, iterations, bits) {
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(password), 'PBKDF2', false, ['deriveBits']);
  const out = await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, key, bits);
  return new Uint8Array(out);
}

export async function hashPassword(password, iterations = MAX_ITERATIONS) {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const hash = await derive(password, salt, iterations, 256);
  return `${PREFIX}$${iterations}$${b64urlEncode(salt)}$${b64urlEncode(hash)}`;
}

/** Throws on a malformed stored hash (a configuration error), so a typo
 *  cannot silently lock everyone out or, worse, let anyone in. */
export function parseHash(stored) {
  const parts = String(stored).split('$');
  const iterations = Number(parts[1]);
  if (parts.length !== 4 || parts[0] !== PREFIX || !Number.isInteger(iterations) || iterations < 1 || iterations > MAX_ITERATIONS) {
    throw new Error(`ADMIN_PASSWORD_HASH must look like ${PREFIX}$ITERATIONS$SALT$HASH with at most ${MAX_ITERATIONS} iterations`);
  }
  return { iterations, salt: b64urlDecode(parts[2]), hash: b64urlDecode(parts[3]) };
}

export async function verifyPassword(password, parsed) {
  if (typeof password !== 'string' || password.length === 0 || password.length > 1024) return false;
  const got = await derive(password, parsed.salt, parsed.iterations, parsed.hash.length * 8);
  return equalBytes(got, parsed.hash);
}
