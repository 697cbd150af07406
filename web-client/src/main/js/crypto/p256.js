// ECDH P-256 from WebCrypto: 65-byte uncompressed points; the secret is the 32-byte x-coordinate.
// WebCrypto's importKey checks that a point is on the curve; we check the length and form first.
import { subtle } from './webcrypto.js';
import { InvalidKey } from './invalid-key.js';

export const id = 'P256';
const ALG = { name: 'ECDH', namedCurve: 'P-256' };

/** Sizes of a share's public value and of an answer to it (the ratchet checks them before any key). */
export const publicLength = 65;
export const responseLength = 65;

export async function generate() {
  const pair = await subtle().generateKey(ALG, false, ['deriveBits']);
  return share(pair.privateKey, new Uint8Array(await subtle().exportKey('raw', pair.publicKey)));
}

function share(privateKey, publicBytes) {
  return {
    publicBytes,
    finish: (peerPublic) => agree(privateKey, peerPublic),
  };
}

export async function respond(initiatorPublic) {
  const own = await generate();
  return { message: own.publicBytes, secret: await own.finish(initiatorPublic) };
}

async function agree(privateKey, peerPublic) {
  if (peerPublic.length !== 65 || peerPublic[0] !== 0x04) {
    throw new InvalidKey(`a P-256 public key is a 65-byte uncompressed point, got ${peerPublic.length} bytes`);
  }
  let peer;
  try {
    peer = await subtle().importKey('raw', peerPublic, ALG, false, []);
  } catch {
    throw new InvalidKey('the P-256 point is not on the curve');
  }
  return new Uint8Array(await subtle().deriveBits({ name: 'ECDH', public: peer }, privateKey, 256));
}
