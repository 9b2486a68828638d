// An HTTP forward proxy for the wasm tests in Chromium
// (scripts/test-wasm-browser.sh says why): every request it relays goes
// upstream on a connection of its own, closed after the answer, so the
// server never holds a thread on an idle keep-alive connection.
// Prints "listening on PORT" once it accepts.
import http from 'node:http';

const server = http.createServer((req, res) => {
  let target;
  try {
    // A proxied request names its target in full.
    target = new URL(req.url);
  } catch {
    res.writeHead(400).end('an absolute URL was expected');
    return;
  }
  const headers = { ...req.headers, connection: 'close' };
  delete headers['proxy-connection'];
  const upstream = http.request(target, { method: req.method, headers, agent: false }, (answer) => {
    res.writeHead(answer.statusCode, answer.headers);
    answer.pipe(res);
  });
  upstream.on('error', (e) => {
    if (!res.headersSent) res.writeHead(502);
    res.end(`proxy: ${e.message}`);
  });
  req.pipe(upstream);
});
server.listen(0, '127.0.0.1', () => console.log(`listening on ${server.address().port}`));
