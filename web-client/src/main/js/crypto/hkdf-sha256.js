// HKDF-SHA256 (RFC 5869) from WebCrypto. WebCrypto's HKDF runs Extract and Expand in one call, which
// is all the key schedule and the ratchet's root step need (Expand(Extract(salt, ikm), info)). The
// ratchet's chain step is Expand alone, keyed by the chain key: RFC 5869 §2.3 over WebCrypto's HMAC,
// which WebCrypto's HKDF cannot do. The PRK is HMAC-SHA256(salt, ikm): computed only for the trace.
import { concat, u8 } from '../wire/bytes.js';
import { subtle } from './webcrypto.js';

export const id = 'HKDF-SHA256';
/** Hk: the hash's length, the size of the ratchet's root and chain keys (PROTOCOL.md §7). */
export const hashLength = 32;

/** Imports the input keying material once; the returned key cannot be read back. */
export const importIkm = (ikm) => subtle().importKey('raw', ikm, 'HKDF', false, ['deriveBits']);

export async function derive(ikmKey, salt, info, length) {
  const bits = await subtle().deriveBits({ name: 'HKDF', hash: 'SHA-256', salt, info }, ikmKey, length * 8);
  return new Uint8Array(bits);
}

export async function extract(salt, ikm) {
  const key = await subtle().importKey('raw', salt.length ? salt : new Uint8Array(32), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return new Uint8Array(await subtle().sign('HMAC', key, ikm));
}

/** HKDF-Expand(prk, info, length) (RFC 5869 §2.3): T(i) = HMAC(prk, T(i-1) || info || i). */
export async function expand(prk, info, length) {
  if (length > 255 * hashLength) throw new Error(`HKDF-Expand cannot give ${length} bytes`);
  const key = await subtle().importKey('raw', prk, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const out = new Uint8Array(length);
  let block = new Uint8Array(0);
  for (let i = 1, at = 0; at < length; i++, at += hashLength) {
    const next = new Uint8Array(await subtle().sign('HMAC', key, concat(block, info, u8(i))));
    block.fill(0);
    block = next;
    out.set(block.subarray(0, Math.min(hashLength, length - at)), at);
  }
  block.fill(0);
  return out;
}

/** HKDF(salt, ikm, info, length) in one call: Expand(Extract(salt, ikm), info). */
export async function extractAndExpand(salt, ikm, info, length) {
  return derive(await importIkm(ikm), salt, info, length);
}
