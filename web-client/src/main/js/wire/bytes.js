// Bytes on the wire: hex, concatenation, big-endian integers, strict UTF-8 and a strict reader.
// Every parser throws MalformedFrame on a short, long or ill-formed input; callers warn and go on.

export class MalformedFrame extends Error {}

const encoder = new TextEncoder();
const strictDecoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export const utf8 = (text) => encoder.encode(text);
export const ascii = utf8;

/** Decodes UTF-8, refusing invalid sequences (never replaced, as PROTOCOL.md §2 requires). */
export function fromUtf8(bytes, what = 'text') {
  try {
    return strictDecoder.decode(bytes);
  } catch {
    throw new MalformedFrame(`${what} is not valid UTF-8`);
  }
}

export function concat(...parts) {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

export const hex = (bytes) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

export function fromHex(text) {
  const clean = text.replace(/\s+/g, '');
  if (clean.length % 2 !== 0 || /[^0-9a-fA-F]/.test(clean)) throw new Error('not hex: ' + text);
  return Uint8Array.from(clean.match(/../g) ?? [], (h) => parseInt(h, 16));
}

export function equalBytes(a, b) {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i] ^ b[i];
  return diff === 0;
}

export const u8 = (v) => Uint8Array.of(v);
export const u16 = (v) => Uint8Array.of((v >>> 8) & 0xff, v & 0xff);
export const u32 = (v) => Uint8Array.of(v >>> 24, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff);
/** A u64 from a BigInt (message ids and counters go up to 2^64 - 1). */
export function u64(v) {
  const out = new Uint8Array(8);
  new DataView(out.buffer).setBigUint64(0, BigInt(v));
  return out;
}

export function str8(text, what) {
  const bytes = utf8(text);
  if (bytes.length > 255) throw new Error(`${what} is longer than 255 bytes`);
  return concat(u8(bytes.length), bytes);
}
export function bytes8(b) {
  if (b.length > 255) throw new Error('field longer than 255 bytes');
  return concat(u8(b.length), b);
}
export function bytes16(b) {
  if (b.length > 65535) throw new Error('field longer than 65535 bytes');
  return concat(u16(b.length), b);
}

/** Reads fields in order; any read past the end, or bytes left at expectEnd, is malformed. */
export class Reader {
  constructor(bytes, offset = 0) {
    this.bytes = bytes;
    this.at = offset;
  }
  take(n, what) {
    if (this.at + n > this.bytes.length) throw new MalformedFrame(`truncated ${what}`);
    const out = this.bytes.subarray(this.at, this.at + n);
    this.at += n;
    return out;
  }
  u8(what) { return this.take(1, what)[0]; }
  u16(what) { const b = this.take(2, what); return (b[0] << 8) | b[1]; }
  u64(what) {
    const b = this.take(8, what);
    return new DataView(b.buffer, b.byteOffset, 8).getBigUint64(0);
  }
  bytes8(what) { return this.take(this.u8(what + ' length'), what); }
  bytes16(what) { return this.take(this.u16(what + ' length'), what); }
  str8(what) { return fromUtf8(this.bytes8(what), what); }
  str16(what) { return fromUtf8(this.bytes16(what), what); }
  rest() { const out = this.bytes.subarray(this.at); this.at = this.bytes.length; return out; }
  remaining() { return this.bytes.length - this.at; }
  expectEnd(what) {
    if (this.at !== this.bytes.length) {
      throw new MalformedFrame(`${this.bytes.length - this.at} trailing byte(s) after the ${what}`);
    }
  }
}
