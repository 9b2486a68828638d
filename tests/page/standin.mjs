// A stand-in for the backend worker, used only when the real one cannot be
// started: it serves www/ and pkg/ with the worker's CSP, implements the
// /auth/* contract with one password, and forwards /api/* to the emulator
// with a token it mints itself, so the page never holds a credential.
// Usage: node tests/page/standin.mjs PORT EMULATOR_URL
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CUSTOMER_ID, rawToken } from '../support/emulator.mjs';
import { registry } from '../support/registry.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
export const PASSWORD = 'demo-admin';
export const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; require-trusted-types-for 'script'; " +
  "trusted-types 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";
// Forwarded API paths: each registry product's gateway prefix.
const GATEWAYS = registry.products.map((p) => p.gateway);
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.wasm': 'application/wasm', '.svg': 'image/svg+xml' };

function fileFor(urlPath) {
  const path = normalize(decodeURIComponent(urlPath));
  if (path.includes('..')) return null;
  if (path.startsWith('/pkg/')) return join(root, 'pkg', path.slice(5));
  return join(root, 'www', path === '/' ? 'index.html' : path);
}

function json(res, status, body, extra = {}) {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store', ...extra });
  res.end(body === undefined ? undefined : JSON.stringify(body));
}

async function readBody(req) {
  const chunks = [];
  for await (const c of req) chunks.push(c);
  return Buffer.concat(chunks);
}

export function startStandin(port, emulator) {
  const sessions = new Set();
  let token = null;
  const sessionOf = (req) => /(?:^|;\s*)sid=([0-9a-f]+)/.exec(req.headers.cookie ?? '')?.[1];

  async function mint() {
    token = await rawToken(emulator);
  }

  async function forward(req, res, path) {
    if (!sessions.has(sessionOf(req))) return json(res, 401, { error: 'session expired' });
    if (req.headers['x-requested-with'] !== 'zscaler-wasm') return json(res, 403, { error: 'missing x-requested-with' });
    const body = ['GET', 'HEAD'].includes(req.method) ? undefined : await readBody(req);
    for (let attempt = 0; attempt < 2; attempt += 1) {
      if (!token) await mint();
      const up = await fetch(`${emulator}${path}`, { method: req.method, body,
        headers: { authorization: `Bearer ${token}`, 'content-type': req.headers['content-type'] ?? 'application/json' } });
      if (up.status === 401 && attempt === 0) { token = null; continue; }
      const headers = {};
      for (const h of ['content-type', 'retry-after', 'x-request-id', 'x-ratelimit-reset', 'x-zscaler-mode']) {
        if (up.headers.has(h)) headers[h] = up.headers.get(h);
      }
      res.writeHead(up.status, headers);
      res.end(Buffer.from(await up.arrayBuffer()));
      return;
    }
  }

  const server = createServer(async (req, res) => {
    const url = new URL(req.url, 'http://x');
    try {
      if (url.pathname === '/auth/login' && req.method === 'POST') {
        const { password } = JSON.parse((await readBody(req)).toString() || '{}');
        if (password !== PASSWORD) return json(res, 401, { error: 'wrong password' });
        const sid = randomBytes(16).toString('hex');
        sessions.add(sid);
        return json(res, 204, undefined, { 'set-cookie': `sid=${sid}; HttpOnly; SameSite=Strict; Path=/` });
      }
      if (url.pathname === '/auth/logout' && req.method === 'POST') {
        sessions.delete(sessionOf(req));
        return json(res, 204, undefined, { 'set-cookie': 'sid=; Max-Age=0; Path=/' });
      }
      if (url.pathname === '/auth/session') {
        return json(res, 200, sessions.has(sessionOf(req))
          ? { authenticated: true, readOnly: false, customerId: CUSTOMER_ID, tokenMediating: false }
          : { authenticated: false });
      }
      if (url.pathname === '/auth/token' && req.method === 'POST') {
        if (!sessions.has(sessionOf(req))) return json(res, 401, { error: 'session expired' });
        return json(res, 200, { access_token: 'session', token_type: 'Bearer', expires_in: 300 });
      }
      // Test hook: end every session, as an expiry on the real worker would.
      if (url.pathname === '/_standin/expire-sessions' && req.method === 'POST') {
        sessions.clear();
        return json(res, 204);
      }
      // The worker's console view of the registry (worker/src/registry.mjs).
      if (url.pathname === '/products.json') {
        return json(res, 200, { products: registry.products.map((p) => ({ name: p.name, title: p.title, staging: p.staging ?? null })) });
      }
      const api = url.pathname.slice('/api'.length);
      if (url.pathname.startsWith('/api/') && GATEWAYS.some((g) => api.startsWith(`${g}/`))) {
        return await forward(req, res, api + url.search);
      }
      const file = fileFor(url.pathname);
      if (!file) throw new Error('outside');
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
        'content-security-policy': CSP, 'x-content-type-options': 'nosniff', 'cache-control': 'no-cache' });
      res.end(body);
    } catch {
      if (!res.headersSent) res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
    }
  });
  return new Promise((ok) => server.listen(port, '127.0.0.1', () => ok({ server, port: server.address().port })));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [port, emulator] = process.argv.slice(2);
  const { port: bound } = await startStandin(Number(port ?? 8000), emulator ?? 'http://127.0.0.1:8080');
  console.log(`page on http://127.0.0.1:${bound}/`);
}
