// Gives a product class its operation methods (`listApplicationSegments`,
// ...) from one list of names; each is a one-line call of the class's
// single dispatcher export `__op(index, params, options)`. That replaces a glue
// wrapper and a wasm export per operation, which made cold starts parse
// 200 KB more JS. The methods go on a plain object that becomes the class
// prototype's own prototype: adding hundreds of properties to a live
// prototype costs V8 ~15 µs each, filling a fresh object and linking it
// once costs ~1 ms for all of them (BENCHMARKS.md, P3).
export function install(proto, names) {
  const methods = {};
  names.split(',').forEach((name, index) => {
    // A method defined under its own name keeps `name` for stack traces.
    methods[name] = { [name](params, options) { return this.__op(index, params, options); } }[name];
  });
  Object.setPrototypeOf(proto, methods);
}
