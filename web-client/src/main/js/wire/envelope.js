// The envelope every frame carries (PROTOCOL.md §2): version, type, sender, recipient, room, body.
import { MalformedFrame, Reader, concat, str8, u8 } from './bytes.js';
import { MAX_NAME_BYTES } from './names.js';

export const VERSION = 0x01;

export const FrameType = Object.freeze({
  JOIN: 0x01, WELCOME: 0x02, PEER_JOINED: 0x03, PEER_LEFT: 0x04, ERROR: 0x05, NOTICE: 0x06,
  PING: 0x07, PONG: 0x08,
  HANDSHAKE_INIT: 0x10, HANDSHAKE_RESPONSE: 0x11, HANDSHAKE_FINISH: 0x12, HANDSHAKE_REJECT: 0x13,
  DATA: 0x20,
});

const NAMES = Object.fromEntries(Object.entries(FrameType).map(([k, v]) => [v, k]));

export const typeName = (type) => NAMES[type] ?? `type 0x${type.toString(16).padStart(2, '0')}`;
export const isPeerToPeer = (type) => type >= 0x10;

/** The header bytes (everything before the body): the DATA frame's associated data starts with them. */
export function encodeHeader(type, sender, recipient, room) {
  return concat(u8(VERSION), u8(type), str8(sender, 'sender'), str8(recipient, 'recipient'), str8(room, 'room'));
}

export function encodeEnvelope(type, sender, recipient, room, body = new Uint8Array(0)) {
  return concat(encodeHeader(type, sender, recipient, room), body);
}

/** Parses the header; body is a view of the rest, bodyOffset where it starts. */
export function parseEnvelope(frame) {
  const r = new Reader(frame);
  const version = r.u8('version');
  if (version !== VERSION) throw new MalformedFrame(`unknown envelope version ${version}`);
  const type = r.u8('type');
  // Peer-to-peer types this version does not define (0x14, 0x21...) pass the relay; the client ignores them.
  if (!(type in NAMES) && !isPeerToPeer(type)) throw new MalformedFrame(`unknown frame type 0x${type.toString(16)}`);
  const sender = field(r, 'sender');
  const recipient = field(r, 'recipient');
  const room = field(r, 'room');
  return { type, sender, recipient, room, bodyOffset: r.at, body: r.rest() };
}

function field(r, what) {
  const text = r.str8(what);
  if (text.length > 0 && new TextEncoder().encode(text).length > MAX_NAME_BYTES) {
    throw new MalformedFrame(`${what} longer than ${MAX_NAME_BYTES} bytes`);
  }
  return text;
}
