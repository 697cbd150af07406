// HKDF-SHA256 (RFC 5869) from WebCrypto. WebCrypto's HKDF runs Extract and Expand in one call, which
// is all the key schedule needs (every output is Expand(Extract(salt, ikm), info)). The PRK itself
// is HMAC-SHA256(salt, ikm): computed only to show it in the teaching trace.
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
