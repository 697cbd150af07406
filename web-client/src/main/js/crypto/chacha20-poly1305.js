// ChaCha20-Poly1305 (RFC 8439) from @noble/ciphers: WebCrypto does not have it.
import { chacha20poly1305 } from '@noble/ciphers/chacha.js';
import { AuthenticationFailed } from './aes-256-gcm.js';

export const id = 'CHACHA20-POLY1305';
export const keyLength = 32;
export const nonceLength = 12;
export const tagLength = 16;

/** The "key" is the raw bytes, kept by the session that owns them (noble takes raw keys). */
export const importKey = async (raw) => Uint8Array.from(raw);

export async function seal(key, nonce, plaintext, aad) {
  return chacha20poly1305(key, nonce, aad).encrypt(plaintext);
}

export async function open(key, nonce, sealed, aad) {
  try {
    return chacha20poly1305(key, nonce, aad).decrypt(sealed);
  } catch {
    throw new AuthenticationFailed();
  }
}
