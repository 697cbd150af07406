// Ed25519 identity keys (RFC 8032) from WebCrypto. The private key is generated non-extractable:
// it can sign, and be stored in IndexedDB as a CryptoKey, but its bytes can never be read by script.
import { subtle } from './webcrypto.js';

export const PUBLIC_KEY_LENGTH = 32;
export const SIGNATURE_LENGTH = 64;

/** {privateKey: CryptoKey (non-extractable), publicKey: Uint8Array(32)} */
export async function generateIdentity() {
  const pair = await subtle().generateKey({ name: 'Ed25519' }, false, ['sign', 'verify']);
  return { privateKey: pair.privateKey, publicKey: new Uint8Array(await subtle().exportKey('raw', pair.publicKey)) };
}

/** An identity from a known 32-byte seed (the worked example only). */
export async function identityFromSeed(seed, publicKey) {
  const pkcs8 = new Uint8Array([0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20, ...seed]);
  return { privateKey: await subtle().importKey('pkcs8', pkcs8, { name: 'Ed25519' }, false, ['sign']), publicKey };
}

export const sign = async (privateKey, message) => new Uint8Array(await subtle().sign('Ed25519', privateKey, message));

export async function verify(publicKey, signature, message) {
  if (publicKey.length !== PUBLIC_KEY_LENGTH || signature.length !== SIGNATURE_LENGTH) return false;
  try {
    const key = await subtle().importKey('raw', publicKey, { name: 'Ed25519' }, false, ['verify']);
    return await subtle().verify('Ed25519', key, signature, message);
  } catch {
    return false;
  }
}
