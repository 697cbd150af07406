// X25519 (RFC 7748) from WebCrypto: 32-byte keys. An all-zero shared secret (a low-order peer key)
// is refused, as PROTOCOL.md §5 and §11 require; WebCrypto also throws on it, which we map the same way.
import { subtle } from './webcrypto.js';
import { InvalidKey } from './invalid-key.js';

export const id = 'X25519';

export async function generate() {
  const pair = await subtle().generateKey({ name: 'X25519' }, false, ['deriveBits']);
  return share(pair.privateKey, new Uint8Array(await subtle().exportKey('raw', pair.publicKey)));
}

/** A share from a known private key in PKCS#8 (the worked example and tests). */
export async function fromPkcs8(pkcs8, publicBytes) {
  return share(await subtle().importKey('pkcs8', pkcs8, { name: 'X25519' }, false, ['deriveBits']), publicBytes);
}

function share(privateKey, publicBytes) {
  return { publicBytes, finish: (peerPublic) => agree(privateKey, peerPublic) };
}

export async function respond(initiatorPublic) {
  const own = await generate();
  return { message: own.publicBytes, secret: await own.finish(initiatorPublic) };
}

async function agree(privateKey, peerPublic) {
  if (peerPublic.length !== 32) throw new InvalidKey(`an X25519 public key is 32 bytes, got ${peerPublic.length}`);
  const peer = await subtle().importKey('raw', peerPublic, { name: 'X25519' }, false, []);
  let secret;
  try {
    secret = new Uint8Array(await subtle().deriveBits({ name: 'X25519', public: peer }, privateKey, 256));
  } catch {
    throw new InvalidKey('the X25519 key gives the all-zero shared secret (a low-order point)');
  }
  if (secret.every((b) => b === 0)) throw new InvalidKey('the X25519 key gives the all-zero shared secret (a low-order point)');
  return secret;
}
