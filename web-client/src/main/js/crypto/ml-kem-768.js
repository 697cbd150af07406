// ML-KEM-768 (FIPS 203) from @noble/post-quantum: WebCrypto does not have it. Encapsulation checks
// the key as FIPS 203 §7.2 says (exact length, every coefficient below q); a failure is InvalidKey.
import { ml_kem768 } from '@noble/post-quantum/ml-kem.js';
import { InvalidKey } from './invalid-key.js';

export const id = 'MLKEM768';
export const publicKeyLength = 1184;
export const ciphertextLength = 1088;

/** seed (optional, 64 bytes d || z): a known key pair, for the worked example only. */
export function generate(seed = undefined) {
  const { publicKey, secretKey } = ml_kem768.keygen(seed);
  return {
    publicBytes: publicKey,
    finish: async (ciphertext) => {
      if (ciphertext.length !== ciphertextLength) {
        throw new InvalidKey(`an ML-KEM-768 ciphertext is ${ciphertextLength} bytes, got ${ciphertext.length}`);
      }
      return ml_kem768.decapsulate(ciphertext, secretKey);
    },
    /** Erases the decapsulation key. Not done by finish: a ratchet may try a forged ciphertext first. */
    destroy: () => secretKey.fill(0),
  };
}

export function respond(encapsulationKey) {
  if (encapsulationKey.length !== publicKeyLength) {
    throw new InvalidKey(`an ML-KEM-768 encapsulation key is ${publicKeyLength} bytes, got ${encapsulationKey.length}`);
  }
  try {
    const { cipherText, sharedSecret } = ml_kem768.encapsulate(encapsulationKey);
    return { message: cipherText, secret: sharedSecret };
  } catch (e) {
    throw new InvalidKey(`the ML-KEM-768 encapsulation key fails the FIPS 203 input check (${e.message})`);
  }
}
