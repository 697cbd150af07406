// X25519 (RFC 7748) from WebCrypto: 32-byte keys. An all-zero shared secret (a low-order peer key)
// is refused, as PROTOCOL.md §5 and §11 require; WebCrypto also throws on it, which we map the same way.
import { subtle } from './webcrypto.js';
import { InvalidKey } from './invalid-key.js';

export const id = 'X25519';

/** Sizes of a share's public value and of an answer to it (the ratchet checks them before any key). */
export const publicLength = 32;
export const responseLength = 32;

export async function generate() {
  const pair = await subtle().generateKey({ name: 'X25519' }, false, ['deriveBits']);
  return share(pair.privateKey, new Uint8Array(await subtle().exportKey('raw', pair.publicKey)));
}

/** A share from a known 32-byte private key (the worked example only). */
export async function fromPrivate(privateBytes, publicBytes) {
  const pkcs8 = new Uint8Array([0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x6e, 0x04, 0x22, 0x04, 0x20, ...privateBytes]);
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
