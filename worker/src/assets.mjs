// Static files from the same origin: www/ through the ASSETS binding and
// the wasm package under /pkg/ through PKG (workerd disk services), or all
// of it through ASSETS alone (a Cloudflare assets binding holding both);
// and the console's product list, /products.json, from the registry.
import { error, secure } from './http.mjs';
import { CONSOLE_PRODUCTS } from './registry.mjs';

const PRODUCTS_BODY = JSON.stringify(CONSOLE_PRODUCTS);

const TYPES = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  mjs: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  wasm: 'application/wasm',
  json: 'application/json; charset=utf-8',
  svg: 'image/svg+xml',
  png: 'image/png',
  ico: 'image/x-icon',
  txt: 'text/plain; charset=utf-8',
  map: 'application/json; charset=utf-8',
};
// Hidden files, traversal and anything encoded oddly never reach the disk.
const SAFE = /^(\/[A-Za-z0-9_\-][A-Za-z0-9_.\-]*)+$/;

export async function serveAsset(request, env) {
  const url = new URL(request.url);
  if (request.method !== 'GET' && request.method !== 'HEAD') return error(405, 'method not allowed', { allow: 'GET, HEAD' });
  if (url.pathname === '/products.json') {
    const headers = secure(new Headers({ 'content-type': TYPES.json, 'cache-control': 'no-cache' }));
    return new Response(request.method === 'HEAD' ? null : PRODUCTS_BODY, { status: 200, headers });
  }
  const path = url.pathname === '/' ? '/index.html' : url.pathname;
  const ext = path.slice(path.lastIndexOf('.') + 1);
  if (!SAFE.test(path) || path.includes('..') || !TYPES[ext]) return error(404, 'not found');
  const fromPkg = path.startsWith('/pkg/') && env.PKG;
  const binding = fromPkg ? env.PKG : env.ASSETS;
  if (!binding) return error(404, 'not found');
  const res = await binding.fetch(new Request(new URL(fromPkg ? path.slice(4) : path, 'http://assets'), { method: request.method }));
  if (!res.ok) return error(404, 'not found');
  const headers = secure(new Headers({ 'content-type': TYPES[ext], 'cache-control': 'no-cache' }), { html: ext === 'html' });
  const length = res.headers.get('content-length');
  if (length) headers.set('content-length', length);
  return new Response(request.method === 'HEAD' ? null : res.body, { status: 200, headers });
}
