// Process helpers every JS harness shares (tests/js, tests/worker,
// tests/page, tests/package and bench/): a free port, waiting for a
// server, and the emulator started as a child or found through the
// environment, with its default tenant's credentials. Suite-specific
// set-up stays in each suite's own harness.
import { spawn } from 'node:child_process';
import net from 'node:net';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../../', import.meta.url));

// The emulator's default tenant (emulator/ seeds it; `--client-secret`
// replaces the secret).
export const CLIENT_ID = 'emulator-client';
export const CLIENT_SECRET = 'emulator-secret';
export const CUSTOMER_ID = '216196257331281920';

/** A port nobody listens on now. */
export async function freePort() {
  const srv = net.createServer();
  await new Promise((r) => srv.listen(0, '127.0.0.1', r));
  const { port } = srv.address();
  await new Promise((r) => srv.close(r));
  return port;
}

/** The rest of the first stdout line of `proc` that starts with `prefix`.
 *  Later output is drained unread, so a chatty child never blocks on a
 *  full pipe and the buffer here stays small. */
export function firstLine(proc, prefix, ms) {
  return new Promise((resolve, reject) => {
    let buf = '';
    const onData = (d) => {
      buf += d;
      const line = buf.split('\n').find((l) => l.startsWith(prefix));
      if (!line) return;
      clearTimeout(timer);
      proc.stdout.off('data', onData);
      proc.stdout.resume();
      resolve(line.slice(prefix.length).trim());
    };
    const timer = setTimeout(() => {
      proc.stdout.off('data', onData);
      reject(new Error(`no "${prefix}" line within ${ms} ms`));
    }, ms);
    proc.stdout.on('data', onData);
  });
}

/** Waits until something answers HTTP at `url`; gives up early when the
 *  server's process (`proc`, optional) has exited. */
export async function waitUntilUp(url, ms, proc) {
  const end = Date.now() + ms;
  for (;;) {
    if (proc && proc.exitCode !== null) throw new Error(`${url}: server exited with ${proc.exitCode}`);
    try {
      await fetch(url, { method: 'HEAD' });
      return;
    } catch (e) {
      if (Date.now() > end) throw new Error(`${url} did not come up: ${e}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

/** The URL of a running emulator (scripts/test.sh exports it). */
export function emulatorUrl() {
  const url = process.env.ZSCALER_EMULATOR_URL;
  if (!url) throw new Error('set ZSCALER_EMULATOR_URL to a running emulator');
  return url;
}

/** The emulator binary: ZSCALER_EMULATOR_BIN, else the release build. */
export function emulatorBin() {
  return process.env.ZSCALER_EMULATOR_BIN ?? `${process.env.CARGO_TARGET_DIR ?? `${root}../target`}/release/zscaler-emulator`;
}

/** Starts an emulator on a free port with extra `args`; resolves to
 *  `{ proc, url }` once it says where it listens. The caller kills it. */
export async function spawnEmulator(args = [], { bin = emulatorBin(), ms = 10_000 } = {}) {
  const proc = spawn(bin, ['--listen', '127.0.0.1:0', ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    return { proc, url: await firstLine(proc, 'listening on ', ms) };
  } catch (err) {
    proc.kill();
    throw err;
  }
}

/** Client options for the emulator's default tenant at `base`. */
export function clientOptions(base, overrides = {}) {
  return {
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    baseUrl: base,
    tokenUrl: `${base}/oauth2/v1/token`,
    customerId: CUSTOMER_ID,
    ...overrides,
  };
}

/** A OneAPI token from the emulator, minted over plain HTTP (for checks
 *  that must not go through the client under test). */
export async function rawToken(base, secret = CLIENT_SECRET) {
  const body = new URLSearchParams({
    grant_type: 'client_credentials', client_id: CLIENT_ID, client_secret: secret, audience: 'https://api.zscaler.com',
  });
  const res = await fetch(`${base}/oauth2/v1/token`, { method: 'POST', body });
  if (!res.ok) throw new Error(`token: HTTP ${res.status}`);
  return (await res.json()).access_token;
}
