// Token buckets per key (session id, client address), per isolate.
export class Buckets {
  constructor({ burst, perSecond, maxKeys = 10_000 }) {
    this.burst = burst;
    this.perSecond = perSecond;
    this.maxKeys = maxKeys;
    this.map = new Map();
  }

  /** Takes one token; returns 0 when allowed, else the seconds to wait. */
  take(key, now = Date.now()) {
    let b = this.map.get(key);
    if (!b) {
      // Bounded memory: forget the oldest key rather than grow forever.
      if (this.map.size >= this.maxKeys) this.map.delete(this.map.keys().next().value);
      b = { tokens: this.burst, at: now };
      this.map.set(key, b);
    }
    b.tokens = Math.min(this.burst, b.tokens + ((now - b.at) / 1000) * this.perSecond);
    b.at = now;
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - b.tokens) / this.perSecond));
  }

  /** True when the key has no token left, without taking one. */
  empty(key, now = Date.now()) {
    const b = this.map.get(key);
    if (!b) return 0;
    const tokens = Math.min(this.burst, b.tokens + ((now - b.at) / 1000) * this.perSecond);
    return tokens >= 1 ? 0 : Math.max(1, Math.ceil((1 - tokens) / this.perSecond));
  }
}
