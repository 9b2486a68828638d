// Fills worker/workerd.capnp.in for one local worker and writes it under
// worker/.generated/ (embed paths are relative to the config file).
// Binding values are not written: each binding named in BINDING_NAMES that
// is set in the environment becomes `fromEnvironment`.
// Usage: node worker/make-config.mjs PORT  (prints the config file path)
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const root = join(here, '..');

export const BINDING_NAMES = [
  'ZSCALER_CLIENT_ID', 'ZSCALER_CLIENT_SECRET', 'ZSCALER_PRIVATE_KEY', 'ZSCALER_VANITY_DOMAIN', 'ZSCALER_CLOUD',
  'ZPA_CUSTOMER_ID', 'ZPA_MICROTENANT_ID', 'ZSCALER_API_BASE_URL', 'ZSCALER_TOKEN_URL',
  'AUTH_MODE', 'ADMIN_PASSWORD_HASH', 'ACCESS_AUD', 'ACCESS_ISSUER', 'ACCESS_JWKS', 'ACCESS_PUBLIC_KEY',
  'READ_ONLY', 'TOKEN_MEDIATING', 'SESSION_TTL_SECONDS', 'SESSION_SECRET', 'MAX_BODY_BYTES', 'PACING',
  'RATE_LIMIT_BURST', 'RATE_LIMIT_PER_SECOND', 'LOGIN_RATE_LIMIT_BURST', 'LOGIN_RATE_LIMIT_PER_SECOND', 'CLIENT_IP_HEADER',
  'RATE_BUDGET_MAX_WAIT_SECONDS',
  'AUDIT_MAX_ENTRIES',
];

function files(dir) {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? files(full) : [full];
  });
}

// The worker imports the npm package by name (`zscaler-wasm`). workerd
// has no package resolution: it resolves a bare specifier like a relative
// one, against the importing module's name, so `zscaler-wasm` from
// worker/src/index.mjs is the module `worker/src/zscaler-wasm`. The
// repository's build is laid out here as the installed package would be,
// js/ (the package's entries) beside pkg/ (the wasm-bindgen output) under
// node_modules/zscaler-wasm/, and that module re-exports its `workerd`
// entry, the one wrangler picks. `[name, kind, file]`, or `[name, kind,
// null, text]` for a module written inline.
const PACKAGE = 'node_modules/zscaler-wasm';
const IMPORTED_AS = 'worker/src/zscaler-wasm';

function packageModules() {
  const pkg = join(root, 'pkg');
  const glue = files(pkg).filter((f) => /\.(m?js|wasm)$/.test(f));
  // build-package.sh writes errors.js as a re-export of the snippet whose
  // folder name carries a hash; the same line, inline.
  const errors = glue.map((f) => relative(pkg, f)).find((f) => f.endsWith('src/js/errors.js'));
  if (!errors) throw new Error('pkg/ has no src/js/errors.js snippet: run scripts/build-wasm.sh');
  return [
    [IMPORTED_AS, 'esModule', null, `export * from '../../${PACKAGE}/workerd.js'; export { default } from '../../${PACKAGE}/workerd.js';`],
    ...['workerd.js', 'index.js'].map((f) => [`${PACKAGE}/${f}`, 'esModule', join(root, 'js', f)]),
    [`${PACKAGE}/errors.js`, 'esModule', null, `export * from './${errors}';`],
    ...glue.map((f) => [`${PACKAGE}/${relative(pkg, f)}`, f.endsWith('.wasm') ? 'wasm' : 'esModule', f]),
  ];
}

function modules(outDir) {
  const list = [
    ...readdirSync(join(here, 'src')).filter((f) => f.endsWith('.mjs')).map((f) => {
      const full = join(here, 'src', f);
      return [relative(root, full), 'esModule', full];
    }),
    ...packageModules(),
    // The product registry: the allowlist imports it as a JSON module.
    ['products.json', 'json', join(root, 'products.json')],
  ];
  return list
    .map(([name, kind, full, text]) => {
      // An inline module is a capnp text literal, quoted as JSON quotes it.
      const source = full ? `embed "${relative(outDir, full)}"` : JSON.stringify(text);
      return `    (name = "${name}", ${kind} = ${source}),`;
    })
    .join('\n');
}

/** The template filled in: `moduleLines` in order (the entry first), the
 *  static files from `www` and `pkg`, and a `fromEnvironment` binding for
 *  each of BINDING_NAMES set in `env`. Also used for a wrangler bundle of
 *  the worker (tests/package/worker-build.test.mjs).
 *  `tenant: false` leaves out the TENANT binding (per-isolate state);
 *  `replicaPorts` adds one replica worker, in its own isolate and bound to
 *  the same TenantState objects, per port; `stateDir`, a writable
 *  directory for the objects' storage (without it, storage is in memory
 *  and an evicted object forgets what it stored). */
export function fillConfig({ port, www, pkg, moduleLines, env, tenant = true, replicaPorts = [], stateDir }) {
  const bindings = BINDING_NAMES.filter((n) => env[n] !== undefined)
    .map((n) => `    (name = "${n}", fromEnvironment = "${n}"),`)
    .join('\n');
  const services = replicaPorts.map((_, i) => `    (name = "replica-${i + 1}", worker = .replica),`).join('\n');
  const sockets = replicaPorts
    .map((p, i) => `    (name = "replica-${i + 1}", address = "127.0.0.1:${p}", http = (), service = "replica-${i + 1}"),`)
    .join('\n');
  return readFileSync(join(here, 'workerd.capnp.in'), 'utf8')
    .replaceAll('@PORT@', String(port))
    .replaceAll('@WWW@', www)
    .replaceAll('@PKG@', pkg)
    .replace('@STATE_SERVICE@', stateDir ? `    (name = "tenant-state", disk = (path = "${stateDir}", writable = true)),` : '')
    .replace('@STATE_STORAGE@', stateDir ? '(localDisk = "tenant-state")' : '(inMemory = void)')
    .replace('@REPLICA_SERVICES@', services)
    .replace('@REPLICA_SOCKETS@', sockets)
    .replace('@TENANT@', tenant ? '    (name = "TENANT", durableObjectNamespace = "TenantState"),' : '')
    .replace('@REPLICA_TENANT@', tenant ? '    (name = "TENANT", durableObjectNamespace = (serviceName = "main", className = "TenantState")),' : '')
    .replaceAll('@MODULES@', moduleLines.join('\n'))
    .replaceAll('@BINDINGS@', bindings);
}

/** Writes a config for `port`; `name` keeps parallel configs apart;
 *  `options` as for fillConfig (`tenant`, `replicaPorts`). The objects'
 *  storage goes to `.generated/NAME.state/`, next to the config. */
export function makeConfig(port, env = process.env, name = `worker-${port}`, options = {}) {
  const outDir = join(here, '.generated');
  const stateDir = join(outDir, `${name}.state`);
  mkdirSync(stateDir, { recursive: true });
  // The worker's entry module must come first.
  const mods = modules(outDir).split('\n').sort((a, b) => b.includes('worker/src/index.mjs') - a.includes('worker/src/index.mjs'));
  const text = fillConfig({ port, www: join(root, 'www'), pkg: join(root, 'pkg'), moduleLines: mods, env, stateDir, ...options });
  const file = join(outDir, `${name}.capnp`);
  writeFileSync(file, text);
  return file;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(makeConfig(Number(process.argv[2] ?? 8000)));
}
