// HANDSHAKE_INIT, _RESPONSE, _FINISH and _REJECT bodies (PROTOCOL.md §5), version 1.
import { Reader, bytes16, bytes8, concat, str8, u8, fromUtf8 } from './bytes.js';

export const HANDSHAKE_VERSION = 0x01;
export const Reject = Object.freeze({ SUITE_MISMATCH: 1, VERSION_MISMATCH: 2, INVALID: 3 });

export function encodeInit({ version = HANDSHAKE_VERSION, suite, identity, ephemeral }) {
  return concat(u8(version), str8(suite, 'suite'), bytes16(identity), bytes16(ephemeral));
}

export function parseInit(body) {
  const r = new Reader(body);
  const version = r.u8('handshake version');
  if (version !== HANDSHAKE_VERSION) return { version }; // the caller answers with REJECT reason 2
  const msg = { version, suite: r.str8('suite id'), identity: r.bytes16('identity key'), ephemeral: r.bytes16('ephemeral key') };
  r.expectEnd('HANDSHAKE_INIT');
  return msg;
}

export function encodeResponse({ suite, identity, ephemeral, signature, confirmation }) {
  return concat(u8(HANDSHAKE_VERSION), str8(suite, 'suite'), bytes16(identity), bytes16(ephemeral),
    bytes16(signature), bytes8(confirmation));
}

export function parseResponse(body) {
  const r = new Reader(body);
  const msg = {
    version: r.u8('handshake version'), suite: r.str8('suite id'), identity: r.bytes16('identity key'),
    ephemeral: r.bytes16('ephemeral message'), signature: r.bytes16('signature'), confirmation: r.bytes8('confirmation'),
  };
  r.expectEnd('HANDSHAKE_RESPONSE');
  return msg;
}

export const encodeFinish = ({ signature, confirmation }) => concat(bytes16(signature), bytes8(confirmation));

export function parseFinish(body) {
  const r = new Reader(body);
  const msg = { signature: r.bytes16('signature'), confirmation: r.bytes8('confirmation') };
  r.expectEnd('HANDSHAKE_FINISH');
  return msg;
}

export const encodeReject = ({ reason, suite, message }) =>
  concat(u8(reason), str8(suite, 'suite'), bytes16(new TextEncoder().encode(message)));

export function parseReject(body) {
  const r = new Reader(body);
  const msg = { reason: r.u8('reason'), suite: r.str8('suite id'), message: fromUtf8(r.bytes16('explanation'), 'explanation') };
  r.expectEnd('HANDSHAKE_REJECT');
  return msg;
}
