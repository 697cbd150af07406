// X25519MLKEM768 as TLS 1.3 builds it (PROTOCOL.md §11), ML-KEM first everywhere:
//   I's public (1216) = ek (1184) || x25519 (32);  R's message (1120) = ct (1088) || x25519 (32);
//   secret (64) = K_mlkem (32) || x25519 secret (32).
import { concat } from '../wire/bytes.js';
import { InvalidKey } from './invalid-key.js';
import * as mlkem from './ml-kem-768.js';
import * as x25519 from './x25519.js';

export const id = 'X25519MLKEM768';
export const publicLength = mlkem.publicKeyLength + 32;
export const responseLength = mlkem.ciphertextLength + 32;
const PUBLIC = publicLength;
const RESPONSE = responseLength;

/**
 * known (optional, the worked example only): { private: ML-KEM seed d || z (64) || X25519 private (32),
 * public: the 1216-byte public key }.
 */
export async function generate(known = undefined) {
  const kem = mlkem.generate(known?.private.subarray(0, 64));
  const dh = known
    ? await x25519.fromPrivate(known.private.subarray(64), known.public.subarray(mlkem.publicKeyLength))
    : await x25519.generate();
  return {
    publicBytes: concat(kem.publicBytes, dh.publicBytes),
    finish: async (message) => {
      if (message.length !== RESPONSE) throw new InvalidKey(`an X25519MLKEM768 response is ${RESPONSE} bytes, got ${message.length}`);
      const dhSecret = await dh.finish(message.subarray(mlkem.ciphertextLength));
      return concat(await kem.finish(message.subarray(0, mlkem.ciphertextLength)), dhSecret);
    },
    destroy: () => kem.destroy(),
  };
}

export async function respond(initiatorPublic) {
  if (initiatorPublic.length !== PUBLIC) throw new InvalidKey(`an X25519MLKEM768 public key is ${PUBLIC} bytes, got ${initiatorPublic.length}`);
  const kem = mlkem.respond(initiatorPublic.subarray(0, mlkem.publicKeyLength));
  const dh = await x25519.respond(initiatorPublic.subarray(mlkem.publicKeyLength));
  return { message: concat(kem.message, dh.message), secret: concat(kem.secret, dh.secret) };
}
