// A static session with one peer (PROTOCOL.md §8.1, `--session static`): a key and base IV per
// direction, counters that only go up, nonce = IV XOR counter, associated data = every byte before the
// ciphertext. The engine only calls seal(), open(), destroy() and the fields, as for a ratchet session.
import { concat, u64 } from '../wire/bytes.js';
import { FrameType, encodeHeader } from '../wire/envelope.js';
import { Rejected, requireOurs } from './rejected.js';

const MAX_COUNTER = 1n << 63n;

export class StaticSession {
  static async create(ctx, initiator, keys, facts) {
    const { aead } = ctx.suite;
    const [sendKey, sendIv, receiveKey, receiveIv] = initiator
      ? [keys.i2rKey, keys.i2rIv, keys.r2iKey, keys.r2iIv]
      : [keys.r2iKey, keys.r2iIv, keys.i2rKey, keys.i2rIv];
    const session = new StaticSession(ctx, facts);
    session.sendKey = await aead.importKey(sendKey);
    session.receiveKey = await aead.importKey(receiveKey);
    session.sendIv = sendIv;
    session.receiveIv = receiveIv;
    for (const raw of [keys.i2rKey, keys.r2iKey]) raw.fill(0);
    return session;
  }

  constructor(ctx, { h1, sessionHash, safetyCode, peerIdentity }) {
    this.suite = ctx.suite;
    this.room = ctx.room;
    this.self = ctx.self;
    this.peer = ctx.peer;
    this.trace = ctx.trace;
    this.h1 = h1;
    this.sessionHash = sessionHash;
    this.safetyCode = safetyCode;
    this.peerIdentity = peerIdentity;
    this.sendCounter = 0n;
    this.receiveNext = 0n;
  }

  /** The whole DATA frame for this plaintext. */
  async seal(plaintext) {
    if (this.sendCounter >= MAX_COUNTER) throw new Error(`session with ${this.peer} used all 2^63 counters; rejoin for fresh keys`);
    const counter = this.sendCounter++;
    const aad = concat(encodeHeader(FrameType.DATA, this.self, this.peer, this.room), u64(counter));
    const nonce = nonceFor(this.sendIv, counter);
    const sealed = await this.suite.aead.seal(this.sendKey, nonce, plaintext, aad);
    this.trace?.('seal', 'encrypt: nonce = base IV XOR counter, so a nonce never repeats; AAD binds version, type, sender, recipient, room and counter',
      { counter: counter.toString(), nonce });
    return concat(aad, sealed);
  }

  /** Opens a DATA frame addressed to us: {plaintext, counter, missed}. Throws Rejected. */
  async open(envelope, frame) {
    requireOurs(this, envelope);
    const at = envelope.bodyOffset;
    if (frame.length < at + 8 + this.suite.aead.tagLength) {
      throw new Rejected('tampered', `rejected a tampered or forged message from ${this.peer} (too short to be genuine)`);
    }
    const counter = new DataView(frame.buffer, frame.byteOffset + at, 8).getBigUint64(0);
    if (counter >= MAX_COUNTER) {
      throw new Rejected('replay', `message from ${this.peer} has counter ${counter}, beyond the 2^63 a sender may use`);
    }
    if (counter < this.receiveNext) {
      throw new Rejected('replay', `message #${counter} from ${this.peer} was replayed or reordered (next expected #${this.receiveNext})`);
    }
    let plaintext;
    try {
      plaintext = await this.suite.aead.open(this.receiveKey, nonceFor(this.receiveIv, counter),
        frame.subarray(at + 8), frame.subarray(0, at + 8));
    } catch {
      throw new Rejected('tampered', `rejected a tampered or forged message from ${this.peer} (authentication failed)`);
    }
    const missed = counter - this.receiveNext;
    this.receiveNext = counter + 1n;
    this.trace?.('open', 'decrypt: the tag proves the peer sent exactly these bytes; the counter must be new, so a replay is refused',
      { counter: counter.toString() });
    return { plaintext, missed: Number(missed), late: false };
  }

  destroy() {
    for (const k of [this.sendKey, this.receiveKey]) if (k instanceof Uint8Array) k.fill(0);
    this.sendIv?.fill(0);
    this.receiveIv?.fill(0);
    this.sendKey = this.receiveKey = null;
  }
}

export function nonceFor(iv, counter) {
  const nonce = Uint8Array.from(iv);
  const c = u64(counter);
  for (let i = 0; i < 8; i++) nonce[nonce.length - 8 + i] ^= c[i];
  return nonce;
}
