// Safety code (per session) and safety number (per pair of identities), PROTOCOL.md §10, exactly as
// the terminal client prints them.
import { ascii, concat, utf8 } from '../wire/bytes.js';
import { sha256, sha512 } from '../crypto/sha.js';
import { PROTOCOL_NAME } from './transcript.js';

export async function safetyCode(h1) {
  const out = await sha256(concat(ascii(`${PROTOCOL_NAME} safety code`), h1));
  const value = new DataView(out.buffer).getBigUint64(0) % 1_000_000_000_000n;
  const digits = value.toString().padStart(12, '0');
  return `${digits.slice(0, 4)} ${digits.slice(4, 8)} ${digits.slice(8)}`;
}

async function half(name, publicKey) {
  let f = await sha512(concat(new Uint8Array(2), publicKey, utf8(name)));
  for (let i = 0; i < 5200; i++) f = await sha512(concat(f, publicKey));
  let digits = '';
  for (let chunk = 0; chunk < 6; chunk++) {
    let value = 0n;
    for (let i = 0; i < 5; i++) value = (value << 8n) | BigInt(f[chunk * 5 + i]);
    digits += (value % 100000n).toString().padStart(5, '0');
  }
  return digits;
}

/** 60 digits in 12 groups of 5, two lines of six groups (as the terminal prints it). */
export async function safetyNumber(nameA, keyA, nameB, keyB) {
  const a = await half(nameA, keyA);
  const b = await half(nameB, keyB);
  const digits = a <= b ? a + b : b + a;
  const groups = digits.match(/.{5}/g);
  return groups.slice(0, 6).join(' ') + '\n' + groups.slice(6).join(' ');
}
