// One other member of the room, from our side: the handshake with them, the session it yields,
// what waits for it (outbox) and what it has not acknowledged yet. Called only from the engine's
// serial queue, so one step runs at a time.
import { MalformedFrame } from '../wire/bytes.js';
import { FrameType, typeName } from '../wire/envelope.js';
import { Kind, encodeAck, encodeMessage, parsePayload, MAX_ACK_IDS } from '../wire/chat-payload.js';
import { PeerHandshake } from './peer-handshake.js';
import { Rejected } from '../session/rejected.js';
import { Trust } from '../identity/known-peers.js';

const HANDSHAKE_TYPES = new Set([FrameType.HANDSHAKE_INIT, FrameType.HANDSHAKE_RESPONSE, FrameType.HANDSHAKE_FINISH,
  FrameType.HANDSHAKE_REJECT]);

export const State = Object.freeze({
  HANDSHAKING: 'handshaking', SECURE: 'secure', VERIFIED: 'verified', KEY_CHANGED: 'key-changed', REFUSED: 'refused',
});

export class Peer {
  constructor(name, engine) {
    this.name = name;
    this.engine = engine;
    this.handshake = new PeerHandshake(this);
    this.session = null;
    this.trust = null;
    this.failure = null;
    this.outbox = [];              // {kind, id, text} typed before the session existed (or while blocked)
    this.unacknowledged = new Map(); // id -> payload, sent and not acknowledged
    this.acksDue = [];
  }

  get state() {
    if (this.failure) return State.REFUSED;
    if (!this.session) return State.HANDSHAKING;
    if (this.trust === Trust.MISMATCH) return State.KEY_CHANGED;
    return this.trust === Trust.VERIFIED ? State.VERIFIED : State.SECURE;
  }

  get blocked() {
    return this.trust === Trust.MISMATCH;
  }

  context() {
    const e = this.engine;
    return {
      suites: e.suites, session: e.session, room: e.room, self: e.name, peer: this.name, identity: e.identity,
      trace: (step, purpose, values) => e.listener.trace(this.name, step, purpose, values),
      warn: (text) => e.listener.warning(text),
    };
  }

  // ---- handshake ----

  initiate() {
    return this.handshake.initiate();
  }

  async frameReceived(envelope, frame) {
    if (envelope.type === FrameType.DATA) return this.receive(envelope, frame);
    if (HANDSHAKE_TYPES.has(envelope.type)) return this.handshake.frameReceived(envelope);
    return this.engine.listener.warning(`${typeName(envelope.type)} from ${this.name} ignored: this page does not know that type`);
  }

  failed(reason) {
    this.forget();
    this.failure = reason;
    this.engine.listener.warning(reason);
    this.reportUndelivered(reason);
    this.engine.listener.membersChanged();
  }

  async established(session) {
    this.handshake.abort();
    this.session = session;
    this.failure = null;
    this.trust = await this.engine.knownPeers.check(this.name, session.peerIdentity);
    this.engine.listener.secured(this.name, session.safetyCode, this.trust);
    this.engine.listener.membersChanged();
    await this.flushOutbox();
  }

  // ---- trust ----

  /** Accepts a changed identity key and sends what was held meanwhile. */
  async acceptNewKey() {
    if (!this.blocked) return false;
    await this.engine.knownPeers.trust(this.name, this.session.peerIdentity);
    this.trust = Trust.MATCHES;
    if (this.outbox.length) this.engine.listener.status(`Sending the ${this.outbox.length} message(s) held for ${this.name}`);
    await this.flushOutbox();
    this.engine.listener.membersChanged();
    return true;
  }

  async markVerified() {
    if (!this.session || this.blocked) return false;
    await this.engine.knownPeers.markVerified(this.name, this.session.peerIdentity);
    this.trust = Trust.VERIFIED;
    this.engine.listener.membersChanged();
    return true;
  }

  // ---- sending ----

  async deliver(payload) {
    if (this.failure) {
      this.engine.listener.notDelivered(this.name, payload.id, `no secure session: ${this.failure}`);
      return;
    }
    if (!this.session || this.blocked) {
      if (this.outbox.length >= this.engine.maxQueued) {
        this.engine.listener.notDelivered(this.name, payload.id, `the queue for ${this.name} is full`);
        return;
      }
      this.outbox.push(payload);
      if (this.blocked) {
        this.engine.listener.warning(`message to ${this.name} held: ${this.name}'s identity key CHANGED. Compare the safety number, then accept the new key to send it`);
        this.engine.listener.membersChanged();
      }
      return;
    }
    await this.sealAndSend(payload);
  }

  async sealAndSend(payload) {
    this.unacknowledged.set(payload.id, payload);
    this.engine.send(await this.session.seal(encodeMessage(payload.kind, payload.id, payload.text, payload.sentAgain)));
  }

  async flushOutbox() {
    if (this.blocked) return;
    // The outbox holds what waited for this session, including what an earlier session (before a
    // reconnect) sent without an acknowledgement: that is marked sent again, so it is shown once.
    const pending = this.outbox;
    this.outbox = [];
    for (const payload of pending) await this.sealAndSend(payload);
  }

  queue(payloads) {
    this.outbox.push(...payloads);
  }

  // ---- receiving ----

  async receive(envelope, frame) {
    const { listener } = this.engine;
    if (!this.session) {
      listener.warning(`encrypted message from ${this.name} before the handshake finished: rejected`);
      return;
    }
    let opened;
    try {
      opened = await this.session.open(envelope, frame);
    } catch (e) {
      if (e instanceof Rejected) {
        listener.warning(`rejected: ${e.message}`);
        return;
      }
      throw e;
    }
    if (opened.missed > 0) listener.warning(`${opened.missed} message(s) from ${this.name} missing: dropped or delayed by the relay`);
    if (opened.late) listener.warning(`a message from ${this.name} arrived late, after a later one (delayed by the relay?)`);
    let payload;
    try {
      payload = parsePayload(opened.plaintext);
    } catch (e) {
      if (e instanceof MalformedFrame) return listener.warning(`unreadable message from ${this.name}: ${e.message}`);
      throw e;
    }
    if (payload.kind === 'ack') {
      for (const id of payload.ids) {
        if (this.unacknowledged.delete(id)) listener.delivered(this.name, id);
      }
      return;
    }
    this.acksDue.push(payload.id);
    if (this.acksDue.length >= MAX_ACK_IDS) await this.sendAcks();
    // Only a message its sender marked as sent again can be a repeat (PROTOCOL.md §8, message ids).
    if (this.engine.firstTime(this.name, payload.id) || !payload.sentAgain) {
      if (this.blocked) listener.warning(`the next message is signed by a NEW identity key for ${this.name}: it may not come from ${this.name}`);
      listener.message({ from: this.name, text: payload.text, direct: payload.kind === Kind.DIRECT, at: new Date() });
    }
  }

  async sendAcks() {
    if (!this.acksDue.length || !this.session) return;
    const ids = this.acksDue;
    this.acksDue = [];
    this.engine.send(await this.session.seal(encodeAck(ids)));
  }

  // ---- ending ----

  forget() {
    this.handshake.abort();
    this.session?.destroy();
    this.session = null;
  }

  /** What this member has not acknowledged (marked: sent again in the next session) and what never left. */
  takePending() {
    const pending = [...[...this.unacknowledged.values()].map((p) => ({ ...p, sentAgain: true })), ...this.outbox];
    this.unacknowledged.clear();
    this.outbox = [];
    return pending;
  }

  reportUndelivered(reason) {
    for (const p of this.takePending()) this.engine.listener.notDelivered(this.name, p.id, reason);
  }
}
