// The browser's chat client: joins a room through the relay, runs one handshake per member, encrypts
// each message separately for each member, and reconnects after the relay goes away, sending what
// was typed meanwhile. Transport: the relay's WebSocket. Everything from the relay is hostile: a
// malformed, tampered, replayed or reflected frame is rejected with a warning and the chat goes on.
//
// Every step runs on one serial queue (WebCrypto is asynchronous; counters and handshakes are not
// allowed to interleave).
import { MalformedFrame } from '../wire/bytes.js';
import { FrameType, encodeEnvelope, isPeerToPeer, parseEnvelope, typeName } from '../wire/envelope.js';
import { Kind } from '../wire/chat-payload.js';
import * as relay from '../wire/relay-messages.js';
import { KnownPeers } from '../identity/known-peers.js';
import { Peer } from './peer.js';
import { RelayConnection } from './relay-connection.js';
import { SeenMessages } from './seen-messages.js';

const RECONNECT_FIRST_MS = 250;
const RECONNECT_MAX_MS = 8000;
const REJOIN_GRACE_MS = 30000;

export class ChatEngine {
  /**
   * options: { name, room, suites (accepted, most preferred first: the offer when we initiate),
   *            session ('ratchet' or 'static', as --session), url, identity, listener, maxQueued }
   */
  constructor({ name, room, suites, session = 'ratchet', url, identity, listener, maxQueued = 1000 }) {
    Object.assign(this, { name, room, suites, session, url, identity, listener, maxQueued });
    this.knownPeers = new KnownPeers(name);
    this.peers = new Map();
    this.seen = new SeenMessages();
    this.heldForRoom = [];        // typed while offline, for everyone in the room
    this.heldFor = new Map();     // name -> payloads waiting for that member to be back after a reconnect
    this.absent = [];             // members when the connection dropped
    this.nextId = randomId();
    this.queue = Promise.resolve();
    this.inFlight = 0;
    this.connection = null;
    this.joined = false;
    this.everJoined = false;
    this.closed = false;
    this.reconnectDelay = RECONNECT_FIRST_MS;
  }

  /** Connects and joins; resolves when the relay welcomed us, rejects with the relay's reason. */
  start() {
    return new Promise((resolve, reject) => {
      this.onFirstJoin = { resolve, reject };
      this.connect();
    });
  }

  connect() {
    this.listener.connection('connecting');
    this.connection = new RelayConnection(this.url, {
      onOpen: (c) => c === this.connection && c.send(encodeEnvelope(FrameType.JOIN, this.name, '', this.room)),
      onFrame: (c, frame) => {
        if (c !== this.connection) return;
        this.inFlight++;
        this.run(async () => {
          try {
            await this.handle(frame);
          } finally {
            if (--this.inFlight === 0) await this.flushAcks(); // one acknowledgement per read batch
          }
        });
      },
      onTextMessage: () => this.listener.warning('a text WebSocket message from the relay ignored (frames are binary)'),
      onClose: (c, reason) => c === this.connection && this.run(() => this.connectionClosed(reason)),
    });
  }

  /** Runs fn after everything queued before it; an unexpected error is a warning, never a stall. */
  run(fn) {
    const next = this.queue.then(fn).catch((e) => this.listener.warning(`internal error: ${e?.message ?? e}`));
    this.queue = next;
    return next;
  }

  // ---- the user's actions ----

  /** Encrypts text for every member; returns the message id, or null when it was not sent. */
  sendText(text) {
    return this.run(async () => {
      const payload = { kind: Kind.ROOM, id: this.nextId++, text };
      if (!this.joined) {
        if (this.closed || !this.everJoined) return null;
        // For each member who was in the room (they get it when they are back), else for whoever is there.
        if (this.absent.length) for (const name of this.absent) this.hold(name, [payload]);
        else this.heldForRoom.push(payload);
        this.listener.status('Not connected: message queued, it will be sent after reconnecting');
        return payload.id;
      }
      if (this.peers.size === 0) {
        this.listener.warning(`nobody else is in room '${this.room}' yet; message not sent`);
        return null;
      }
      for (const peer of this.peers.values()) await peer.deliver(payload);
      return payload.id;
    });
  }

  /** Encrypts text for one member only (/msg). */
  sendDirect(name, text) {
    return this.run(async () => {
      const peer = this.peers.get(name);
      if (!peer) {
        this.listener.warning(`no member '${name}' in room '${this.room}'`);
        return null;
      }
      const payload = { kind: Kind.DIRECT, id: this.nextId++, text };
      await peer.deliver(payload);
      return payload.id;
    });
  }

  acceptNewKey(name) {
    return this.run(() => this.peers.get(name)?.acceptNewKey() ?? false);
  }

  markVerified(name) {
    return this.run(() => this.peers.get(name)?.markVerified() ?? false);
  }

  members() {
    return [...this.peers.values()].map((p) => ({
      name: p.name, state: p.state, suite: p.session?.suite ?? null, safetyCode: p.session?.safetyCode ?? '',
      peerIdentity: p.session?.peerIdentity ?? null, held: p.outbox.length, failure: p.failure,
    }));
  }

  leave() {
    this.closed = true;
    for (const peer of this.peers.values()) peer.forget();
    this.connection?.close();
  }

  // ---- frames ----

  send(frame) {
    this.connection?.send(frame);
  }

  sendTo(peer, type, body) {
    this.send(encodeEnvelope(type, this.name, peer, this.room, body));
  }

  firstTime(sender, id) {
    return this.seen.firstTime(sender, id);
  }

  async flushAcks() {
    for (const peer of this.peers.values()) await peer.sendAcks();
  }

  async handle(frame) {
    let envelope;
    try {
      envelope = parseEnvelope(frame);
    } catch (e) {
      if (e instanceof MalformedFrame) return this.listener.warning(`malformed frame from the relay ignored: ${e.message}`);
      throw e;
    }
    try {
      if (isPeerToPeer(envelope.type)) await this.peerFrame(envelope, frame);
      else this.relayFrame(envelope);
    } catch (e) {
      if (!(e instanceof MalformedFrame)) throw e;
      const from = envelope.sender || 'the relay';
      this.listener.warning(`malformed ${typeName(envelope.type)} from ${from} ignored: ${e.message}`);
    }
  }

  async peerFrame(envelope, frame) {
    const from = envelope.sender;
    if (from === this.name || envelope.recipient !== this.name || envelope.room !== this.room) {
      this.listener.warning(`${typeName(envelope.type)} frame from ${from || 'nobody'} to ${envelope.recipient} reflected or misrouted by the relay: rejected`);
      return;
    }
    const peer = this.peers.get(from);
    if (!peer) {
      this.listener.warning(`${typeName(envelope.type)} from '${from}', who is not in the room: rejected`);
      return;
    }
    await peer.frameReceived(envelope, frame);
  }

  relayFrame(envelope) {
    const { body } = envelope;
    switch (envelope.type) {
      case FrameType.WELCOME: return this.welcomed(relay.parseMembers(body));
      case FrameType.PEER_JOINED: return this.peerJoined(relay.parseName(body, 'PEER_JOINED'));
      case FrameType.PEER_LEFT: return this.peerLeft(relay.parseName(body, 'PEER_LEFT'));
      case FrameType.ERROR: return this.relayError(relay.parseError(body));
      case FrameType.NOTICE: return this.listener.notice(relay.parseNotice(body));
      case FrameType.PING:
        relay.expectEmpty(body, 'PING');
        return this.send(encodeEnvelope(FrameType.PONG, this.name, '', this.room)); // our name: '' is the relay's
      case FrameType.PONG: return undefined;
      default: return this.listener.warning(`unexpected ${typeName(envelope.type)} from the relay ignored`);
    }
  }

  welcomed(members) {
    if (this.joined) {
      this.listener.warning('a second WELCOME from the relay ignored');
      return;
    }
    this.joined = true;
    const first = !this.everJoined;
    this.everJoined = true;
    this.reconnectDelay = RECONNECT_FIRST_MS;
    this.listener.connection('online');
    this.listener.joined(this.room, members, first);
    for (const member of members) {
      if (member === this.name) continue;
      const peer = new Peer(member, this);
      this.peers.set(member, peer);
      this.handHeld(peer);
      peer.queue(this.heldForRoom);
      this.run(() => peer.initiate());
    }
    // Typed while disconnected with nobody known, and nobody here now: said, never dropped silently.
    if (this.peers.size === 0) for (const p of this.heldForRoom) this.listener.notDelivered('the room', p.id, 'nobody else is in the room');
    this.heldForRoom = [];
    this.absent = [];
    if (this.heldFor.size) this.giveUpLater();
    this.listener.membersChanged();
    if (first) this.onFirstJoin.resolve();
  }

  peerJoined(name) {
    if (name === this.name) return;
    this.peers.get(name)?.forget();
    const peer = new Peer(name, this);
    this.peers.set(name, peer);
    this.handHeld(peer); // they came back after a relay restart
    this.listener.peerJoined(name);
    this.listener.membersChanged();
  }

  peerLeft(name) {
    const peer = this.peers.get(name);
    if (!peer) return;
    this.peers.delete(name);
    peer.forget();
    peer.reportUndelivered(`${name} left before acknowledging it`);
    this.listener.peerLeft(name);
    this.listener.membersChanged();
  }

  relayError({ fatal, reason }) {
    if (fatal && !this.joined) {
      this.closed = !this.everJoined; // a refused first join ends here; a refused rejoin retries
      if (!this.everJoined) this.onFirstJoin.reject(new Error(reason));
    }
    this.listener.warning(`relay: ${reason}`);
  }

  hold(name, payloads) {
    if (payloads.length) this.heldFor.set(name, [...(this.heldFor.get(name) ?? []), ...payloads]);
  }

  handHeld(peer) {
    const held = this.heldFor.get(peer.name);
    if (held) {
      peer.queue(held);
      this.heldFor.delete(peer.name);
    }
  }

  giveUpLater() {
    setTimeout(() => this.run(() => {
      if (!this.joined) return;
      for (const [name, payloads] of this.heldFor) {
        for (const p of payloads) this.listener.notDelivered(name, p.id, `${name} did not come back after the reconnect`);
      }
      this.heldFor.clear();
    }), REJOIN_GRACE_MS);
  }

  connectionClosed(reason) {
    const wasJoined = this.joined;
    this.joined = false;
    if (this.peers.size) this.absent = [...this.peers.keys()];
    for (const peer of this.peers.values()) {
      peer.forget();
      this.hold(peer.name, peer.takePending());
    }
    this.peers.clear();
    this.listener.membersChanged();
    this.listener.connection('offline');
    if (this.closed) return;
    if (!this.everJoined) {
      this.closed = true;
      this.onFirstJoin.reject(new Error(`cannot join through ${this.url}: ${reason}`));
      return;
    }
    if (wasJoined) this.listener.disconnected(`${reason}; reconnecting, unacknowledged messages will be sent again`);
    setTimeout(() => !this.closed && this.connect(), this.reconnectDelay);
    this.reconnectDelay = Math.min(this.reconnectDelay * 2, RECONNECT_MAX_MS);
  }
}

function randomId() {
  const b = crypto.getRandomValues(new Uint8Array(8));
  return new DataView(b.buffer).getBigUint64(0) & 0x3fffffffffffffffn;
}
