// Verifies the identity a trusted proxy (e.g. Cloudflare Access) asserts in
// `Cf-Access-Jwt-Assertion`: signature against the configured JWKS or PEM
// public key, audience, expiry, not-before and (optionally) issuer.
import { b64urlDecode } from './bytes.mjs';

export const HEADER = 'cf-access-jwt-assertion';
const ALGS = {
  RS256: { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
  PS256: { name: 'RSA-PSS', hash: 'SHA-256' },
  ES256: { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' },
};
const LEEWAY_S = 30;

function verifyParams(alg) {
  if (alg === 'PS256') return { name: 'RSA-PSS', saltLength: 32 };
  if (alg === 'ES256') return { name: 'ECDSA', hash: 'SHA-256' };
  return { name: 'RSASSA-PKCS1-v1_5' };
}

function pemToDer(pem) {
  const body = pem.replace(/-----(BEGIN|END) PUBLIC KEY-----/g, '').replace(/\s+/g, '');
  return Uint8Array.from(atob(body), (c) => c.charCodeAt(0));
}

export class AccessVerifier {
  constructor({ aud, issuer, jwks, publicKey }) {
    this.aud = aud;
    this.issuer = issuer;
    this.jwks = jwks ? JSON.parse(jwks).keys ?? [] : [];
    this.pem = publicKey ? pemToDer(publicKey) : null;
    this.cache = new Map();
  }

  async key(header) {
    const alg = ALGS[header.alg];
    if (!alg) return null; // refuses `none`, HS256 and anything unexpected
    const cacheKey = `${header.alg}/${header.kid ?? ''}`;
    if (!this.cache.has(cacheKey)) {
      let p = null;
      if (this.pem) {
        p = crypto.subtle.importKey('spki', this.pem, alg, false, ['verify']);
      } else {
        const jwk = this.jwks.find((k) => (header.kid === undefined || k.kid === header.kid) && (!k.alg || k.alg === header.alg));
        if (jwk) p = crypto.subtle.importKey('jwk', jwk, alg, false, ['verify']);
      }
      this.cache.set(cacheKey, p ? p.catch(() => null) : Promise.resolve(null));
    }
    return this.cache.get(cacheKey);
  }

  /** The verified claims, or null for anything not provably valid. */
  async verify(token, now = Date.now() / 1000) {
    try {
      const parts = String(token ?? '').split('.');
      if (parts.length !== 3) return null;
      const dec = (s) => JSON.parse(new TextDecoder().decode(b64urlDecode(s)));
      const header = dec(parts[0]);
      const key = await this.key(header);
      if (!key) return null;
      const signed = new TextEncoder().encode(`${parts[0]}.${parts[1]}`);
      if (!(await crypto.subtle.verify(verifyParams(header.alg), key, b64urlDecode(parts[2]), signed))) return null;
      const claims = dec(parts[1]);
      const auds = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
      if (!auds.includes(this.aud)) return null;
      if (typeof claims.exp !== 'number' || claims.exp + LEEWAY_S < now) return null;
      if (typeof claims.nbf === 'number' && claims.nbf - LEEWAY_S > now) return null;
      if (this.issuer && claims.iss !== this.issuer) return null;
      return claims;
    } catch {
      return null;
    }
  }
}
