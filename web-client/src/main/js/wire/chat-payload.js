// What a DATA frame's plaintext carries (PROTOCOL.md §8): a message or an acknowledgement.
import { MalformedFrame, Reader, concat, fromUtf8, u16, u64, u8, utf8 } from './bytes.js';

export const Kind = Object.freeze({ ROOM: 1, DIRECT: 2, ACK: 3 });
export const MAX_ACK_IDS = 1024;
/** Set in the kind of a message sent again in a new session (a reconnect) before it was acknowledged. */
export const SENT_AGAIN = 0x80;

export const encodeMessage = (kind, id, text, sentAgain = false) =>
  concat(u8(kind | (sentAgain ? SENT_AGAIN : 0)), u64(id), utf8(text));

export function encodeAck(ids) {
  if (ids.length < 1 || ids.length > MAX_ACK_IDS) throw new Error(`an acknowledgement carries 1 to ${MAX_ACK_IDS} ids`);
  return concat(u8(Kind.ACK), u16(ids.length), ...ids.map(u64));
}

/** {kind: 'ack', ids} or {kind: 1|2, sentAgain, id, text}. */
export function parsePayload(plaintext) {
  const r = new Reader(plaintext);
  const byte = r.u8('kind');
  const kind = byte === Kind.ACK ? byte : byte & ~SENT_AGAIN;
  if (kind === Kind.ACK) {
    const count = r.u16('id count');
    if (count === 0 || count > MAX_ACK_IDS) throw new MalformedFrame(`an acknowledgement carries 1 to ${MAX_ACK_IDS} ids, not ${count}`);
    const ids = [];
    for (let i = 0; i < count; i++) ids.push(r.u64('message id'));
    r.expectEnd('acknowledgement');
    return { kind: 'ack', ids };
  }
  if (kind !== Kind.ROOM && kind !== Kind.DIRECT) throw new MalformedFrame(`unknown message kind ${byte}`);
  const id = r.u64('message id');
  return { kind, sentAgain: (byte & SENT_AGAIN) !== 0, id, text: fromUtf8(r.rest(), 'message text') };
}
