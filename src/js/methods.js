// Gives a product class its operation methods (`listApplicationSegments`,
// ...) from one list of names; each is a one-line call of the class's
// single dispatcher export `__op(index, params, options)`. That replaces a glue
// wrapper and a wasm export per operation, which made cold starts parse
// 200 KB more JS.
//
// The methods are made on first use, not all at once: defining ~560 ZPA
// closures cost ~1 ms of every cold start (BENCHMARKS.md, P3), and a worker
// calls a handful of them. The class prototype's own prototype is a Proxy
// over a plain object; a name's first lookup defines its method on that
// object. The Proxy still lists every name (REPL completion,
// `Object.getOwnPropertyNames`), and anything else falls through to
// `Object.prototype`. A live class prototype is never filled: V8 invalidates
// prototype caches per property added there.
export function install(proto, names) {
  const methods = {};
  let list; // the names, split on the first lookup
  const index = (key) => (typeof key === 'string' ? (list ??= names.split(',')).indexOf(key) : -1);
  // Defines `key`'s method if it names an operation; true if it exists now.
  const define = (key) => {
    if (Object.hasOwn(methods, key)) return true;
    const i = index(key);
    if (i < 0) return false;
    // A method defined under its own name keeps `name` for stack traces.
    methods[key] = { [key](params, options) { return this.__op(i, params, options); } }[key];
    return true;
  };
  Object.setPrototypeOf(proto, new Proxy(methods, {
    get: (target, key, receiver) => (define(key) ? target[key] : Reflect.get(target, key, receiver)),
    has: (target, key) => define(key) || Reflect.has(target, key),
    getOwnPropertyDescriptor: (target, key) => (define(key), Reflect.getOwnPropertyDescriptor(target, key)),
    ownKeys: (target) => [...new Set([...(list ??= names.split(',')), ...Reflect.ownKeys(target)])],
  }));
}
