// The running transcript hash (PROTOCOL.md §6): h = H(h || u8 len(label) || label || u32 len(value) || value),
// starting from 32 zero bytes.
import { ascii, concat, u32, u8 } from '../wire/bytes.js';
import { sha256 } from '../crypto/sha.js';

export const Labels = Object.freeze({
  PROTOCOL: 'protocol', OFFER: 'offer', SUITE: 'suite', SESSION: 'session', ROOM: 'room', INITIATOR: 'initiator', RESPONDER: 'responder',
  INITIATOR_IDENTITY: 'initiator identity', INITIATOR_EPHEMERAL: 'initiator ephemeral',
  RESPONDER_IDENTITY: 'responder identity', RESPONDER_EPHEMERAL: 'responder ephemeral',
  RESPONDER_SIGNATURE: 'responder signature', RESPONDER_CONFIRM: 'responder confirm',
  INITIATOR_SIGNATURE: 'initiator signature', INITIATOR_CONFIRM: 'initiator confirm',
});

/** The protocol name with the handshake version: in the transcript, every label, signature and info. */
export const PROTOCOL_NAME = 'BlindRelay/2';

export class Transcript {
  constructor(trace) {
    this.hash = new Uint8Array(32);
    this.trace = trace;
    this.count = 0;
  }

  async absorb(label, value) {
    const l = ascii(label);
    this.hash = await sha256(concat(this.hash, u8(l.length), l, u32(value.length), value));
    this.count++;
    this.trace?.('transcript', `field ${this.count} '${label}' absorbed: every later key and signature depends on it`,
      { value, hash: this.hash });
    return this.hash;
  }
}

/** Fields 1 to 11: the handshake hash h1. offer is the encoded offer (u8 n || n × str8), session its type's id. */
export async function handshakeHash(t, { offer, suite, session, room, initiator, responder, initiatorIdentity, initiatorEphemeral,
  responderIdentity, responderEphemeral }) {
  const text = (s) => new TextEncoder().encode(s);
  await t.absorb(Labels.PROTOCOL, text(PROTOCOL_NAME));
  await t.absorb(Labels.OFFER, offer);
  await t.absorb(Labels.SUITE, text(suite));
  await t.absorb(Labels.SESSION, text(session));
  await t.absorb(Labels.ROOM, text(room));
  await t.absorb(Labels.INITIATOR, text(initiator));
  await t.absorb(Labels.RESPONDER, text(responder));
  await t.absorb(Labels.INITIATOR_IDENTITY, initiatorIdentity);
  await t.absorb(Labels.INITIATOR_EPHEMERAL, initiatorEphemeral);
  await t.absorb(Labels.RESPONDER_IDENTITY, responderIdentity);
  return t.absorb(Labels.RESPONDER_EPHEMERAL, responderEphemeral);
}
