// The tenant's Durable Object: the state that must be one across all of
// Cloudflare's isolates, not one per isolate. It owns the OneAPI token
// (one mint for every isolate), the session revocation list (a logout
// anywhere holds everywhere) and the failed-login buckets (a guesser gets
// the configured number of tries, not that number per isolate).
// Isolates reach it through tenant-link.mjs.
import { DurableObject } from 'cloudflare:workers';
import { ZscalerClient } from 'zscaler-wasm';
import { readConfig } from './config.mjs';
import { Buckets } from './rate-limit.mjs';
import { PRODUCTS } from './registry.mjs';
import { Gate, limitsFrom } from './tenant-budget.mjs';
import { AuditTrail } from './tenant-audit.mjs';

// A token is replaced this long before it expires, so an isolate that
// caches what we hand out (and itself refreshes a minute early) never
// holds one that is about to lapse. Short-lived tokens: at half-life.
const EARLY_MS = 5 * 60_000;
const REVOKED = 'revoked:';
// A mint running longer than this is taken to be stuck (as in the wasm
// client's cache); waiting callers then start another.
const ABANDONED_AFTER_MS = 5_000;
const LATE = Symbol('late');

export class TenantState extends DurableObject {
  constructor(ctx, env) {
    super(ctx, env);
    this.config = readConfig(env);
    this.current = null; // { accessToken, expiresAt, refreshAt }; memory only, never stored
    this.minting = null; // { generation, since, done }
    this.generation = 0;
    this.loginBuckets = new Buckets(this.config.login);
    // The upstream rate budget: memory only (an evicted object starts its
    // windows over; it is not evicted while calls wait on it). A lease
    // never released is over once the client's request timeout has passed.
    this.budget = new Gate(limitsFrom(PRODUCTS), { leaseTtlMs: (this.config.client.timeoutMs ?? 30_000) + 1_000 });
    // Revocations are stored: they must outlive an eviction of this object.
    this.revoked = new Map(); // id -> expiry (ms)
    ctx.blockConcurrencyWhile(async () => {
      for (const [key, expires] of await ctx.storage.list({ prefix: REVOKED })) this.revoked.set(key.slice(REVOKED.length), expires);
    });
  }

  /** The tenant's bearer token `{ accessToken, expiresAt }`. `stale` is a
   *  token the API refused: if it is still the current one, a new one is
   *  minted; if another isolate already caused that, the new one is it. */
  async token(stale) {
    if (this.current && stale && stale === this.current.accessToken) this.current = null;
    for (;;) {
      if (this.current && this.current.refreshAt > Date.now()) {
        return { accessToken: this.current.accessToken, expiresAt: this.current.expiresAt };
      }
      // Single flight: every caller during a mint waits for that one mint,
      // unless it has run so long it looks stuck; then the next caller
      // mints again (a slow token server costs a second token, not a
      // stalled tenant), as the wasm client's own cache does.
      if (!this.minting || Date.now() - this.minting.since > ABANDONED_AFTER_MS) this.minting = this.mint();
      const m = this.minting;
      const left = m.since + ABANDONED_AFTER_MS - Date.now();
      let timer;
      const late = new Promise((resolve) => {
        timer = setTimeout(resolve, Math.max(0, left), LATE);
      });
      const got = await Promise.race([m.done, late]).finally(() => clearTimeout(timer));
      if (got !== LATE) return got;
    }
  }

  mint() {
    const generation = ++this.generation;
    const run = async () => {
      // A fresh client each time: a kept one would answer from its own
      // cache with the very token being replaced.
      const client = new ZscalerClient(this.config.client);
      try {
        const { accessToken, expiresAt } = await client.mintAccessToken();
        const now = Date.now();
        const lifetime = expiresAt - now;
        // A mint taken over by a later one must not replace its token.
        if (generation === this.generation) {
          this.current = { accessToken, expiresAt, refreshAt: now + lifetime - Math.min(EARLY_MS, lifetime / 2) };
        }
        return { accessToken, expiresAt };
      } finally {
        client.free?.();
        if (this.minting?.generation === generation) this.minting = null;
      }
    };
    const done = run();
    done.catch(() => {}); // its waiters see the failure; nobody else need
    return { generation, since: Date.now(), done };
  }

  /** Revokes a session id until its own expiry (after which the cookie's
   *  signature check refuses it anyway). */
  async revoke(id, expires) {
    const now = Date.now();
    const lapsed = [...this.revoked].filter(([, exp]) => exp <= now).map(([k]) => k);
    for (const k of lapsed) this.revoked.delete(k);
    this.revoked.set(id, expires);
    // storage.delete takes at most 128 keys at a time.
    for (let i = 0; i < lapsed.length; i += 128) await this.ctx.storage.delete(lapsed.slice(i, i + 128).map((k) => REVOKED + k));
    await this.ctx.storage.put(REVOKED + id, expires);
  }

  async isRevoked(id) {
    return this.revoked.has(id);
  }

  /** Seconds a login from `key` must wait, 0 when it may try. */
  async loginWait(key) {
    return this.loginBuckets.empty(key);
  }

  async loginFailed(key) {
    this.loginBuckets.take(key);
  }

  // --- Rate budget (tenant-budget.mjs) ---

  /** Waits for a send slot for one API request: `{ id, waitedMs }` (then
   *  `release(id)` once its answer is back) or `{ retryAfterMs }` when the
   *  wait would pass `maxWaitMs`. */
  async lease(product, method, operation, maxWaitMs) {
    return this.budget.lease(product, method, operation, maxWaitMs);
  }

  async release(id) {
    this.budget.release(id);
  }

  // The audit trail (tenant-audit.mjs): stored, bounded, one entry per
  // write id. Loaded from storage on first use after a (re)start.
  auditTrail() {
    this.audit ??= new AuditTrail(this.ctx.storage, this.config.audit);
    return this.audit;
  }

  async auditRecord(entry) {
    return this.auditTrail().record(entry);
  }

  async auditList(filter) {
    return this.auditTrail().list(filter);
  }
}
