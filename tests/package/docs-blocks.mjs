// The code blocks of the project's markdown (README.md, docs/*.md), found
// and sorted into what tests/package/docs.test.mjs does with each. A block
// may be preceded by one marker comment, invisible when rendered:
//
//   <!-- docs-test: with-client -->   JS/TS that uses `client` from the quick start
//   <!-- docs-test: worker -->        a module whose default export is a Worker handler
//   <!-- docs-test: browser -->       a web-app module (needs `location`, `document`)
//   <!-- docs-test: skip REASON -->   not run; the reason is required
//
// Every block must have a language. js/mjs run against the emulator, ts is
// type-checked, rust in README.md is a doctest (src/lib.rs includes it), sh
// and text are commands or output for a reader. Anything else is an error,
// so a new block is never silently left out.
import { readdirSync, readFileSync } from 'node:fs';
import { root } from '../support/emulator.mjs';

const JS = new Set(['js', 'mjs', 'javascript']);
const TS = new Set(['ts', 'typescript']);
const NOT_CODE = new Set(['sh', 'text']);
const KINDS = new Set(['with-client', 'worker', 'browser', 'skip']);

/** The markdown files whose blocks are tested, relative to the root. */
export function markdownFiles() {
  const docs = readdirSync(`${root}docs`).filter((f) => f.endsWith('.md')).sort();
  return ['README.md', ...docs.map((f) => `docs/${f}`)];
}

/**
 * Every fenced block of `text` as `{line, lang, info, marker, code}`; `line`
 * is the fence's 1-based line, `marker` the `docs-test` comment just above
 * it (blank lines between allowed), or undefined.
 */
export function parseBlocks(text) {
  const lines = text.split('\n');
  const blocks = [];
  for (let i = 0; i < lines.length; i++) {
    const open = lines[i].match(/^(\s*)(`{3,})\s*(.*)$/);
    if (!open) continue;
    const [, , fence, info] = open;
    const body = [];
    let j = i + 1;
    while (j < lines.length && !lines[j].trimStart().startsWith(fence)) body.push(lines[j++]);
    if (j === lines.length) throw new Error(`line ${i + 1}: unclosed code fence`);
    blocks.push({
      line: i + 1,
      info: info.trim(),
      lang: info.trim().split(/[\s,]+/)[0].toLowerCase(),
      marker: markerAbove(lines, i),
      code: body.join('\n') + '\n',
    });
    i = j;
  }
  return blocks;
}

/** The `docs-test` marker on the last non-blank line before line `i`. */
function markerAbove(lines, i) {
  let k = i - 1;
  while (k >= 0 && lines[k].trim() === '') k--;
  const m = k >= 0 && lines[k].trim().match(/^<!--\s*docs-test:\s*(\S+)\s*(.*?)\s*-->$/);
  return m ? { kind: m[1], reason: m[2] } : undefined;
}

/**
 * What to do with one block: `{action, kind, reason}` where action is
 * `run`, `typecheck`, `doctest`, `skip` or `none` (shell or output text).
 * Throws for a block the test would otherwise leave out unnoticed.
 */
export function disposition(file, block) {
  const where = `${file}:${block.line}`;
  const { lang, marker } = block;
  if (marker && !KINDS.has(marker.kind)) throw new Error(`${where}: unknown docs-test marker "${marker.kind}"`);
  if (marker?.kind === 'skip') {
    if (!marker.reason) throw new Error(`${where}: a docs-test skip needs a reason`);
    return { action: 'skip', reason: marker.reason };
  }
  if (lang === '') throw new Error(`${where}: a code block without a language; tag it (js, ts, sh, ...)`);
  if (JS.has(lang)) return { action: 'run', kind: marker?.kind ?? 'plain' };
  if (TS.has(lang)) {
    if (marker && marker.kind !== 'with-client') throw new Error(`${where}: "${marker.kind}" does not apply to ts`);
    return { action: 'typecheck', kind: marker?.kind ?? 'plain' };
  }
  if (marker) throw new Error(`${where}: a docs-test marker on a ${lang} block`);
  if (lang === 'rust') {
    const lib = readFileSync(`${root}src/lib.rs`, 'utf8');
    if (file !== 'README.md' || !lib.includes('include_str!("../README.md")')) {
      throw new Error(`${where}: a rust block outside the doctests (src/lib.rs includes README.md only)`);
    }
    return { action: 'doctest' };
  }
  if (NOT_CODE.has(lang)) return { action: 'none' };
  throw new Error(`${where}: no rule for \`${lang}\` blocks; add one to tests/package/docs-blocks.mjs`);
}

/** Every block of every tested file, each with its file, name and disposition. */
export function allBlocks() {
  return markdownFiles().flatMap((file) =>
    parseBlocks(readFileSync(`${root}${file}`, 'utf8')).map((block) => ({
      ...block,
      file,
      name: `${file.replace(/[/.]/g, '_')}_L${block.line}`,
      ...disposition(file, block),
    })),
  );
}

// The client `with-client` blocks use: the quick start's, from the same
// environment variables the examples read (the test points them at the
// emulator). A dynamic import, so the block may import names of its own.
const JS_CLIENT = `const client = new (await import('zscaler-wasm')).ZscalerClient({
  clientId: process.env.ZSCALER_CLIENT_ID,
  clientSecret: process.env.ZSCALER_CLIENT_SECRET,
  vanityDomain: process.env.ZSCALER_VANITY_DOMAIN,
  customerId: process.env.ZPA_CUSTOMER_ID,
  baseUrl: process.env.ZSCALER_API_BASE_URL,
  tokenUrl: process.env.ZSCALER_TOKEN_URL,
});
`;

/** The last line every run module prints: proof it ran to its end. */
export const DONE = 'docs-test: done';

/**
 * The files to write for a JS block: `{main, files}` where `main` is the
 * module to run with node and `files` maps file names to their text.
 */
export function jsModules(block) {
  const src = `${block.name}.mjs`;
  const done = `console.log(${JSON.stringify(DONE)});\n`;
  if (block.kind === 'plain') return { main: src, files: { [src]: block.code + done } };
  if (block.kind === 'with-client') return { main: src, files: { [src]: JS_CLIENT + block.code + done } };
  const driver = `${block.name}.driver.mjs`;
  if (block.kind === 'worker') {
    // Call the handler as the Workers runtime would, with the bindings
    // taken from the environment.
    const env = Object.fromEntries(ENV_NAMES.map((n) => [n, `process.env.${n}`]));
    const envText = `{ ${Object.entries(env).map(([k, v]) => `${k}: ${v}`).join(', ')} }`;
    const call = `import worker from './${src}';
const res = await worker.fetch(new Request('http://worker.test/'), ${envText});
const body = await res.text();
console.log(res.status, body.slice(0, 200));
if (!res.ok) process.exit(1);
`;
    return { main: driver, files: { [src]: block.code, [driver]: call + done } };
  }
  // browser: the page's globals, the minimum the block touches, with the
  // origin of the test's stand-in backend; items appended are counted.
  const page = `const items = [];
globalThis.location = new URL(process.env.DOCS_TEST_ORIGIN);
globalThis.document = {
  createElement: (tag) => ({ tag, textContent: '' }),
  querySelector: () => ({ append: (...nodes) => items.push(...nodes) }),
};
await import('./${src}');
console.log(JSON.stringify({ items: items.length, texts: items.every((n) => typeof n.textContent === 'string') }));
`;
  return { main: driver, files: { [src]: block.code, [driver]: page + done } };
}

/** The environment variables the examples read. */
export const ENV_NAMES = [
  'ZSCALER_CLIENT_ID', 'ZSCALER_CLIENT_SECRET', 'ZSCALER_VANITY_DOMAIN', 'ZPA_CUSTOMER_ID',
  'ZSCALER_API_BASE_URL', 'ZSCALER_TOKEN_URL',
];

/** A TS block as a file for tsc; `with-client` declares the client. */
export function tsModule(block) {
  const declare = "declare const client: import('zscaler-wasm').ZscalerClient;\n";
  // `export {}` keeps a block without imports a module (top-level await).
  return (block.kind === 'with-client' ? declare : '') + block.code + 'export {};\n';
}
