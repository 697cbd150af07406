// AES-256-GCM from WebCrypto: 32-byte key, 12-byte nonce, 16-byte tag appended.
import { subtle } from './webcrypto.js';

export const id = 'AES-256-GCM';
export const keyLength = 32;
export const nonceLength = 12;
export const tagLength = 16;

export const importKey = (raw) => subtle().importKey('raw', raw, 'AES-GCM', false, ['encrypt', 'decrypt']);

export async function seal(key, nonce, plaintext, aad) {
  return new Uint8Array(await subtle().encrypt({ name: 'AES-GCM', iv: nonce, additionalData: aad, tagLength: 128 }, key, plaintext));
}

/** Throws AuthenticationFailed when the tag does not verify. */
export async function open(key, nonce, sealed, aad) {
  try {
    return new Uint8Array(await subtle().decrypt({ name: 'AES-GCM', iv: nonce, additionalData: aad, tagLength: 128 }, key, sealed));
  } catch {
    throw new AuthenticationFailed();
  }
}

export class AuthenticationFailed extends Error {
  constructor() { super('authentication failed'); }
}
