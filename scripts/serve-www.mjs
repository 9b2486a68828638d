// A small static server for www/ (and pkg/ under /pkg/), with the right
// MIME type for .wasm and the page's CSP as a header. It serves
// /config.json from memory so no credentials file is written into www/.
// Usage: node scripts/serve-www.mjs PORT CONFIG_JSON
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.ts': 'text/plain; charset=utf-8',
};
const CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self' http://127.0.0.1:* http://localhost:*; " +
  "style-src 'self'; img-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

/** Map a URL path to a file under www/ or pkg/, refusing anything outside. */
function resolve(urlPath) {
  const path = normalize(decodeURIComponent(urlPath.split('?')[0]));
  if (path.includes('..')) return null;
  if (path.startsWith('/pkg/')) return join(root, 'pkg', path.slice(5));
  return join(root, 'www', path === '/' ? 'index.html' : path);
}

/** Start serving; resolves to the bound port. */
export function serveWww(port, config) {
  const server = createServer(async (req, res) => {
    const headers = { 'content-security-policy': CSP, 'x-content-type-options': 'nosniff' };
    if (req.url === '/config.json') {
      res.writeHead(200, { ...headers, 'content-type': TYPES['.json'], 'cache-control': 'no-store' });
      res.end(JSON.stringify(config));
      return;
    }
    const file = resolve(req.url);
    try {
      if (!file) throw new Error('outside');
      const body = await readFile(file);
      res.writeHead(200, { ...headers, 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404, { ...headers, 'content-type': 'text/plain' });
      res.end('not found');
    }
  });
  return new Promise((ok) => server.listen(port, '127.0.0.1', () => ok({ server, port: server.address().port })));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [port, config] = process.argv.slice(2);
  const { port: bound } = await serveWww(Number(port ?? 8000), JSON.parse(config ?? '{}'));
  console.log(`page on http://127.0.0.1:${bound}/`);
}
