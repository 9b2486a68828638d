// The audit trail of writes: one entry per write the worker forwarded
// (who, when, method, path, status, the API's request id, activation),
// kept newest-first with a bounded size and age. The store runs inside the
// TENANT Durable Object over its storage (one trail for every isolate,
// surviving eviction), or over MemoryStorage in an isolate without the
// binding (a ring buffer of that isolate's writes only). Pure: no
// Workers imports, so node tests can load it as it is.

const PREFIX = 'audit:';
/** Retention: the newest `maxEntries` entries (AUDIT_MAX_ENTRIES, default
 *  1000, at most 10 000 so a list fits one RPC answer), none older than
 *  `maxAgeDays` (90). */
export const AUDIT_DEFAULTS = { maxEntries: 1000, maxAgeDays: 90 };
export const AUDIT_MAX_ENTRIES_LIMIT = 10_000;
// storage.put/delete take at most 128 keys at a time.
const BATCH = 128;

/** The storage subset the trail uses, in memory: the fallback ring buffer
 *  and the unit tests. */
export class MemoryStorage {
  constructor() {
    this.map = new Map();
  }
  async list({ prefix }) {
    return new Map([...this.map].filter(([k]) => k.startsWith(prefix)).sort(([a], [b]) => (a < b ? -1 : 1)));
  }
  async put(entries) {
    for (const [k, v] of Object.entries(entries)) this.map.set(k, structuredClone(v));
  }
  async delete(keys) {
    for (const k of keys) this.map.delete(k);
  }
}

// Keys sort by the order the trail recorded the writes (`seq`), not by
// the isolates' clocks, which are coarse and need not agree.
const keyOf = (e) => `${PREFIX}${String(e.seq).padStart(15, '0')}`;

export class AuditTrail {
  constructor(storage, { maxEntries, maxAgeDays } = AUDIT_DEFAULTS) {
    this.storage = storage;
    this.maxEntries = maxEntries;
    this.maxAgeMs = maxAgeDays * 24 * 3600_000;
    this.entries = []; // oldest first, as stored
    this.ids = new Set();
    this.seq = 0;
    this.loaded = null;
  }

  load() {
    this.loaded ??= this.storage.list({ prefix: PREFIX }).then((stored) => {
      this.entries = [...stored.values()];
      for (const e of this.entries) this.ids.add(e.id);
      this.seq = this.entries.at(-1)?.seq ?? 0;
    });
    return this.loaded;
  }

  /** Records one write. `entry.id` is the write's idempotency key: a
   *  retried call with the same id finds it and records nothing. When
   *  `entry` is a successful activation, the product's earlier successful
   *  writes not yet activated are marked `activatedAt`. Returns whether it
   *  was new. */
  async record(entry) {
    await this.load();
    if (this.ids.has(entry.id)) return false;
    // Memory first, all before the first await: a concurrent call sees a
    // consistent trail, and the object's output gate holds the answer
    // until the storage writes below are done.
    const e = { ...entry, seq: ++this.seq, activatedAt: null };
    const changed = [e];
    if (e.activation && ok(e.status)) {
      e.activatedAt = e.at;
      for (const old of this.entries) {
        if (old.product === e.product && old.staged && !old.activation && ok(old.status) && old.activatedAt === null) {
          old.activatedAt = e.at;
          changed.push(old);
        }
      }
    }
    this.entries.push(e);
    this.ids.add(e.id);
    const dropped = this.prune(Date.now());
    for (let i = 0; i < changed.length; i += BATCH) {
      await this.storage.put(Object.fromEntries(changed.slice(i, i + BATCH).map((c) => [keyOf(c), c])));
    }
    await this.forget(dropped);
    return true;
  }

  async forget(dropped) {
    for (let i = 0; i < dropped.length; i += BATCH) await this.storage.delete(dropped.slice(i, i + BATCH).map(keyOf));
  }

  /** Drops entries past the bounds from memory; returns them. */
  prune(now) {
    let cut = Math.max(0, this.entries.length - this.maxEntries);
    while (cut < this.entries.length && this.entries[cut].at < now - this.maxAgeMs) cut += 1;
    const dropped = this.entries.splice(0, cut);
    for (const d of dropped) this.ids.delete(d.id);
    return dropped;
  }

  /** Newest first, filtered by exact person and product, at most `limit`. */
  async list({ person, product, limit } = {}) {
    await this.load();
    // Entries that aged out since the last write.
    await this.forget(this.prune(Date.now()));
    const out = [];
    for (let i = this.entries.length - 1; i >= 0 && out.length < (limit ?? this.maxEntries); i--) {
      const e = this.entries[i];
      if ((!person || e.person === person) && (!product || e.product === product)) out.push(e);
    }
    return out;
  }
}

const ok = (status) => status >= 200 && status < 300;

/** The registry product whose gateway prefix starts API path `path`, or
 *  undefined: the one lookup the audit trail and the rate budget share. */
export function productAt(products, path) {
  return products.find((x) => path === x.gateway || path.startsWith(`${x.gateway}/`));
}

/** Which registry product an API path belongs to (its gateway prefix),
 *  whether that product stages writes, and whether this write is its
 *  activation. The registry names activations by operationId only; their
 *  paths (ZIA `/status/activate`, ZTW `/ecAdminActivateStatus/activate`
 *  and `/forcedActivate`) all end in "activate", and no other write path
 *  of a staged product does (tests/worker/audit.test.mjs checks this
 *  against the specs). */
export function classify(products, path) {
  const p = productAt(products, path);
  const staged = Boolean(p?.staging);
  const last = path.split('/').filter(Boolean).pop() ?? '';
  return { product: p?.name ?? '', staged, activation: staged && /activate$/i.test(last) };
}

/** Who made a write, as the trail names them: the Access identity's email
 *  (else its subject), or for a password session a digest of its id (the
 *  id is half of a cookie; its digest tells sessions apart and is no
 *  credential). */
export async function personOf(session) {
  if (session.email) return String(session.email);
  if (session.id.startsWith('access:')) return session.id.slice(7);
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(session.id)));
  return `session:${[...digest.slice(0, 6)].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
}

export const CSV_COLUMNS = ['time', 'person', 'method', 'path', 'product', 'status', 'request_id', 'staged', 'activation', 'activated_at'];

const iso = (ms) => (ms ? new Date(ms).toISOString() : '');

/** One CSV cell (RFC 4180). A cell a spreadsheet would read as a formula
 *  (`=`, `+`, `-`, `@`, tab, CR) gets a leading `'`, so an identity or path
 *  chosen by someone else cannot run in the reader's spreadsheet. */
export function csvCell(value) {
  let s = String(value ?? '');
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

export function toCsv(entries) {
  const rows = entries.map((e) => [iso(e.at), e.person, e.method, e.path, e.product, e.status, e.requestId ?? '', e.staged, e.activation, iso(e.activatedAt)]);
  return [CSV_COLUMNS, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
