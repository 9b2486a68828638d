// Reading ../shared/recorded (real traffic from the official SDK's
// cassettes, one interaction per line) without losing digits: JSON.parse
// rounds integers beyond 2^53, and real answers hold some.
import { root } from './emulator.mjs';

/** Where the recordings are. */
export const recordedDir = process.env.ZSCALER_RECORDED_DIR ?? `${root}../shared/recorded`;

/** The raw JSON text of member `key` of one recorded line (any JSON value). */
export function member(line, key) {
  const start = line.indexOf(`"${key}":`) + key.length + 3;
  if (start < key.length + 3) throw new Error(`no ${key}`);
  let depth = 0;
  for (let i = start; i < line.length; i++) {
    const c = line[i];
    if (c === '"') {
      for (i++; line[i] !== '"'; i++) if (line[i] === '\\') i++;
      if (depth === 0) return line.slice(start, i + 1);
    } else if (c === '{' || c === '[') depth++;
    else if ((c === '}' || c === ']') && --depth === 0) return line.slice(start, i + 1);
    else if (depth === 0 && (c === ',' || c === '}')) return line.slice(start, i);
  }
  throw new Error(`no end of ${key}`);
}

/** JSON text parsed as the client hands it over: integers beyond 2^53 as BigInts. */
export function parseExact(text) {
  const marked = text.replace(/"(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/g, (t) => (
    t[0] !== '"' && /^-?\d+$/.test(t) && !Number.isSafeInteger(Number(t)) ? `"\\u0000big:${t}"` : t));
  return JSON.parse(marked, (_, v) => (typeof v === 'string' && v.startsWith('\u0000big:') ? BigInt(v.slice(5)) : v));
}
