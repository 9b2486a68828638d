// Prints an ADMIN_PASSWORD_HASH for the password read from stdin, so the
// password never shows up in shell history or the process list.
// Usage: printf %s 'my password' | node worker/hash-password.mjs
import { hashPassword } from './src/password.mjs';

const chunks = [];
for await (const c of process.stdin) chunks.push(c);
const password = Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
if (!password) {
  console.error('no password on stdin');
  process.exit(2);
}
console.log(await hashPassword(password));
