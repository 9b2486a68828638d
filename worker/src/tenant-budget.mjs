// The tenant's upstream rate budget, one for all isolates: the windows the
// registry documents per product (`rate_limits`, `quotas`), and a queue of
// callers waiting for a slot in them. The TenantState object holds one
// Gate; isolates lease a slot before each API request and release it when
// the answer comes back (tenant-link.mjs).
//
// A slot counts in its window from its release, not from its grant: the
// grant is known before the request reaches the API and the release after
// it did, so two grants a window apart could still arrive less than a
// window apart (the first slow to leave, the second quick), but a grant a
// window after the previous release cannot. This costs each window one
// request's latency, and keeps the API's own count, wherever it takes it,
// within the documented limit.
//
// RateBudget is pure (the time is an argument) for tests with a fake
// clock; Gate adds the promises and the one timer.

/** Per product, its method limits and operation quotas, from the registry. */
export function limitsFrom(products) {
  const out = new Map();
  for (const p of products) {
    const rates = (p.rate_limits ?? []).map((r) => ({ methods: r.methods, max: r.max, windowMs: r.window_ms }));
    const quotas = (p.quotas ?? []).map((q) => ({ operations: q.operations, max: q.max, windowMs: q.window_ms }));
    if (rates.length || quotas.length) out.set(p.name, { rates, quotas });
  }
  return out;
}

/** The windows a call counts in, as the emulator and the wasm client's
 *  pacer pick them: its operation's quota, then the product's first limit
 *  naming the method, else its first `*` limit. One key per registry
 *  entry, so methods sharing a `*` limit share its window. */
export function bucketsFor(limits, product, method, operation) {
  const l = limits.get(product);
  if (!l) return [];
  const out = [];
  const qi = operation ? l.quotas.findIndex((q) => q.operations.includes(operation)) : -1;
  if (qi >= 0) out.push({ key: `${product}:quota:${qi}`, max: l.quotas[qi].max, windowMs: l.quotas[qi].windowMs });
  let ri = l.rates.findIndex((r) => r.methods.includes(method));
  if (ri < 0) ri = l.rates.findIndex((r) => r.methods.includes('*'));
  if (ri >= 0) out.push({ key: `${product}:rate:${ri}`, max: l.rates[ri].max, windowMs: l.rates[ri].windowMs });
  return out;
}

export class RateBudget {
  /** `leaseTtlMs`: a lease never released (its isolate died) is taken to
   *  have ended this long after its grant, so it cannot hold a slot forever. */
  constructor(limits, { leaseTtlMs = 60_000 } = {}) {
    this.limits = limits;
    this.leaseTtlMs = leaseTtlMs;
    this.windows = new Map(); // key -> [{ start, end }]; end null while in flight
    this.queue = []; // waiters in arrival order: { id, buckets, deadline }
    this.leases = new Map(); // id -> [slot]
    this.nextId = 1;
  }

  end(slot, now) {
    if (slot.end !== null) return slot.end;
    return slot.start + this.leaseTtlMs <= now ? slot.start + this.leaseTtlMs : Infinity;
  }

  /** Slots still in `bucket`'s window at `now`; drops the rest. */
  live(bucket, now) {
    const slots = (this.windows.get(bucket.key) ?? []).filter((s) => this.end(s, now) + bucket.windowMs > now);
    if (slots.length) this.windows.set(bucket.key, slots);
    else this.windows.delete(bucket.key);
    return slots;
  }

  /** Ms until a call of this kind could go if it joined the queue now,
   *  taking calls in flight to end now and those queued ahead to take
   *  no time: a lower bound, for Retry-After and the up-front refusal. */
  estimate(buckets, now) {
    let at = now;
    for (const b of buckets) {
      const ends = this.live(b, now).map((s) => Math.min(this.end(s, now), now));
      const ahead = this.queue.filter((w) => w.buckets.some((x) => x.key === b.key)).length;
      let t = now;
      for (let k = 0; k <= ahead; k++) {
        ends.sort((x, y) => x - y);
        const inWindow = ends.filter((e) => e + b.windowMs > t);
        if (inWindow.length >= b.max) t = inWindow[inWindow.length - b.max] + b.windowMs;
        ends.push(t);
      }
      at = Math.max(at, t);
    }
    return at - now;
  }

  /** Joins the queue: `{ id }`, or `{ retryAfterMs }` when the wait would
   *  be longer than `maxWaitMs` (nothing is queued), or `{ id, free: true }`
   *  for a call no documented limit covers. Call `pump` after. */
  ask(product, method, operation, now, maxWaitMs) {
    const buckets = bucketsFor(this.limits, product, method, operation);
    const id = this.nextId++;
    if (!buckets.length) return { id, free: true };
    const wait = this.estimate(buckets, now);
    if (wait > maxWaitMs) return { retryAfterMs: wait };
    this.queue.push({ id, buckets, deadline: now + maxWaitMs });
    return { id };
  }

  /** Grants, in arrival order, every waiter whose windows have room (a
   *  waiter never overtakes an earlier one sharing a window with it), and
   *  refuses those past their deadline. Returns `{ granted: [id],
   *  refused: [{ id, retryAfterMs }], nextAt }`, `nextAt` being when to
   *  pump again (null: only a release can change anything). */
  pump(now) {
    const granted = [];
    const refused = [];
    const blocked = new Set();
    const waiting = [];
    for (const w of this.queue) {
      const free = w.buckets.every((b) => !blocked.has(b.key) && this.live(b, now).length < b.max);
      if (free) {
        const slots = w.buckets.map((b) => {
          const slot = { start: now, end: null };
          this.windows.set(b.key, [...(this.windows.get(b.key) ?? []), slot]);
          return slot;
        });
        this.leases.set(w.id, slots);
        granted.push(w.id);
      } else if (w.deadline <= now) {
        refused.push({ id: w.id, w });
      } else {
        for (const b of w.buckets) blocked.add(b.key);
        waiting.push(w);
      }
    }
    this.queue = waiting;
    // Leases never released are forgotten once they lapse.
    for (const [id, slots] of this.leases) if (slots.every((s) => this.end(s, now) !== Infinity)) this.leases.delete(id);
    // Retry-After once the refused are out of the queue, so they do not
    // count themselves as ahead.
    for (const r of refused) {
      r.retryAfterMs = Math.max(1, this.estimate(r.w.buckets, now));
      delete r.w;
    }
    return { granted, refused, nextAt: this.nextAt(now) };
  }

  /** The earliest time a waiter's window frees (a slot leaves it or a
   *  lease lapses) or a deadline passes. */
  nextAt(now) {
    let at = Infinity;
    for (const w of this.queue) {
      at = Math.min(at, w.deadline);
      for (const b of w.buckets) {
        for (const s of this.live(b, now)) {
          const end = this.end(s, now);
          at = Math.min(at, end === Infinity ? s.start + this.leaseTtlMs + b.windowMs : end + b.windowMs);
        }
      }
    }
    return at === Infinity ? null : at;
  }

  /** The leased call's answer is back (or it failed): its slots start
   *  leaving their windows now. Unknown ids (granted before a restart,
   *  released twice) are ignored. */
  release(id, now) {
    for (const slot of this.leases.get(id) ?? []) if (slot.end === null) slot.end = now;
    this.leases.delete(id);
  }
}

/** The budget with waiting: `lease` resolves when the call may go, or
 *  with a refusal. Used by one TenantState object, so it is one per
 *  tenant; `clock` and timers are injectable for tests. */
export class Gate {
  // The timer defaults are wrapped: workerd refuses setTimeout called as
  // a method of another object (Illegal invocation).
  constructor(limits, { now = () => Date.now(), setTimer = (fn, ms) => setTimeout(fn, ms), clearTimer = (t) => clearTimeout(t), leaseTtlMs } = {}) {
    this.budget = new RateBudget(limits, { leaseTtlMs });
    this.now = now;
    this.setTimer = setTimer;
    this.clearTimer = clearTimer;
    this.waiters = new Map(); // id -> resolve
    this.timer = null;
  }

  /** `{ id, waitedMs }` once the call may be sent (release `id` when its
   *  answer is back), or `{ retryAfterMs }`. */
  lease(product, method, operation, maxWaitMs) {
    const since = this.now();
    const asked = this.budget.ask(product, method, operation, since, maxWaitMs);
    if (asked.retryAfterMs !== undefined) return Promise.resolve({ retryAfterMs: asked.retryAfterMs });
    if (asked.free) return Promise.resolve({ id: asked.id, waitedMs: 0 });
    const done = new Promise((resolve) => this.waiters.set(asked.id, (r) => resolve(r.id ? { ...r, waitedMs: this.now() - since } : r)));
    this.pump();
    return done;
  }

  release(id) {
    this.budget.release(id, this.now());
    this.pump();
  }

  pump() {
    const { granted, refused, nextAt } = this.budget.pump(this.now());
    for (const id of granted) this.settle(id, { id });
    for (const { id, retryAfterMs } of refused) this.settle(id, { retryAfterMs });
    if (this.timer !== null) this.clearTimer(this.timer);
    this.timer = null;
    if (nextAt !== null) {
      this.timer = this.setTimer(() => {
        this.timer = null;
        this.pump();
      }, Math.max(0, nextAt - this.now()));
    }
  }

  settle(id, result) {
    const resolve = this.waiters.get(id);
    this.waiters.delete(id);
    resolve?.(result);
  }
}
