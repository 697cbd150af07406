// What a DATA frame's plaintext carries (PROTOCOL.md §8): a message or an acknowledgement.
import { MalformedFrame, Reader, concat, fromUtf8, u16, u64, u8, utf8 } from './bytes.js';

export const Kind = Object.freeze({ ROOM: 1, DIRECT: 2, ACK: 3 });
export const MAX_ACK_IDS = 1024;

export const encodeMessage = (kind, id, text) => concat(u8(kind), u64(id), utf8(text));

export function encodeAck(ids) {
  if (ids.length < 1 || ids.length > MAX_ACK_IDS) throw new Error(`an acknowledgement carries 1 to ${MAX_ACK_IDS} ids`);
  return concat(u8(Kind.ACK), u16(ids.length), ...ids.map(u64));
}

/** {kind: 'ack', ids} or {kind: 1|2, id, text}. */
export function parsePayload(plaintext) {
  const r = new Reader(plaintext);
  const kind = r.u8('kind');
  if (kind === Kind.ACK) {
    const count = r.u16('id count');
    if (count === 0 || count > MAX_ACK_IDS) throw new MalformedFrame(`an acknowledgement carries 1 to ${MAX_ACK_IDS} ids, not ${count}`);
    const ids = [];
    for (let i = 0; i < count; i++) ids.push(r.u64('message id'));
    r.expectEnd('acknowledgement');
    return { kind: 'ack', ids };
  }
  if (kind !== Kind.ROOM && kind !== Kind.DIRECT) throw new MalformedFrame(`unknown message kind ${kind}`);
  const id = r.u64('message id');
  return { kind, id, text: fromUtf8(r.rest(), 'message text') };
}
