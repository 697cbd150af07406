// The ratchet's fields of a DATA frame, between the envelope header and the ciphertext (PROTOCOL.md §8.2):
//   u32 epoch, u32 n, u32 previous, u32 seen, u8 keys [, bytes16 response, bytes16 share]
// A header that does not parse can only come from someone other than the peer: it is a forgery.
import { Reader, bytes16, concat, u32, u8 } from '../../wire/bytes.js';
import { Rejected } from '../rejected.js';

export const FIXED_LENGTH = 17;
export const MAX_U32 = 0xffffffff;

/** fields: { epoch, n, previous, seen, response, share }; response and share null when no step rides along. */
export function encodeRatchetHeader({ epoch, n, previous, seen, response = null, share = null }) {
  const fixed = concat(u32(epoch), u32(n), u32(previous), u32(seen), u8(share ? 1 : 0));
  return share ? concat(fixed, bytes16(response), bytes16(share)) : fixed;
}

/** Reads the fields at the start of bytes (the body up to the tag); length: how many bytes they took. */
export function parseRatchetHeader(bytes, peer) {
  const malformed = (what) => new Rejected('tampered', `rejected a forged message from ${peer}: malformed ratchet header (${what})`);
  if (bytes.length < FIXED_LENGTH) throw malformed('too short');
  const r = new Reader(bytes);
  const word = () => { const b = r.take(4, 'u32'); return ((b[0] << 24) >>> 0) + ((b[1] << 16) | (b[2] << 8) | b[3]); };
  const fields = { epoch: word(), n: word(), previous: word(), seen: word(), response: null, share: null };
  const keys = r.u8('keys');
  if (fields.epoch === 0) throw malformed('epoch 0');
  if (keys > 1) throw malformed(`keys flag ${keys}`);
  if (keys === 1) {
    try {
      fields.response = Uint8Array.from(r.bytes16('response'));
      fields.share = Uint8Array.from(r.bytes16('share'));
    } catch {
      throw malformed('truncated key material');
    }
    if (fields.share.length === 0) throw malformed('empty key share');
  }
  return { fields, length: r.at };
}

/** The nonce: the message's place, 0...0 || u32 epoch || u32 n (each message key seals one message). */
export function ratchetNonce(nonceLength, epoch, n) {
  const nonce = new Uint8Array(nonceLength);
  const view = new DataView(nonce.buffer);
  view.setUint32(nonceLength - 8, epoch);
  view.setUint32(nonceLength - 4, n);
  return nonce;
}
