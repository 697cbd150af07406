// One member's handshake, from our side, in either role: parses the handshake frames (a version we do
// not speak gets REJECT 2, a frame that does not parse REJECT 3), runs the Initiator or Responder, and
// keeps the timeouts of PROTOCOL.md §5: the initiator waits 10 s for the RESPONSE and tries once more
// with a fresh key, the responder drops its half 5 s after its RESPONSE. Peer only sees
// established(session) or failed(reason), so another handshake version plugs in here.
import { MalformedFrame, Reader } from '../wire/bytes.js';
import { FrameType } from '../wire/envelope.js';
import * as hs from '../wire/handshake-messages.js';
import { HandshakeError } from '../handshake/handshake-error.js';
import { Initiator, Responder } from '../handshake/handshake.js';

export const RESPONSE_TIMEOUT_MS = 10000;
export const FINISH_TIMEOUT_MS = 5000;
const TRIES = 2;

export class PeerHandshake {
  constructor(peer) {
    this.peer = peer;
    this.engine = peer.engine;
    this.initiator = null;
    this.responder = null;
    this.tries = 0;
    this.timer = null;
  }

  get underway() {
    return this.initiator !== null || this.responder !== null;
  }

  async initiate() {
    this.tries++;
    const { listener, suites } = this.engine;
    const kas = [...new Set(suites.map((s) => s.ka.id))].join(', ');
    listener.status(`Generating ${kas} keys... (fresh for the session with ${this.peer.name})`);
    this.initiator = await Initiator.start(this.peer.context());
    listener.status(`Exchanging public keys... (with ${this.peer.name})`);
    this.send(FrameType.HANDSHAKE_INIT, hs.encodeInit(this.initiator.init));
    const attempt = this.initiator;
    this.later(RESPONSE_TIMEOUT_MS, () => this.initiator === attempt && this.responseTimedOut());
  }

  async responseTimedOut() {
    this.initiator = null;
    const { name } = this.peer;
    if (this.tries < TRIES) {
      this.engine.listener.warning(`${name} did not answer the handshake within ${RESPONSE_TIMEOUT_MS / 1000} s: trying once more`);
      await this.initiate();
    } else {
      this.peer.failed(`${name} did not answer the handshake (${TRIES} tries, ${RESPONSE_TIMEOUT_MS / 1000} s each)`);
    }
  }

  /** A handshake frame from this peer. */
  async frameReceived(envelope) {
    const { body, type } = envelope;
    if (type === FrameType.HANDSHAKE_REJECT) return this.refused(hs.parseReject(body));
    if (this.peer.session) {
      this.engine.listener.warning(`unexpected handshake from ${this.peer.name} while a session is established: ignored (replayed by the relay?)`);
      return undefined;
    }
    let message;
    try {
      if (type !== FrameType.HANDSHAKE_FINISH) this.requireVersion(body);
      message = type === FrameType.HANDSHAKE_INIT ? hs.parseInit(body)
        : type === FrameType.HANDSHAKE_RESPONSE ? hs.parseResponse(body) : hs.parseFinish(body);
    } catch (e) {
      if (!(e instanceof MalformedFrame)) throw e;
      return this.fail(new HandshakeError(`malformed handshake from ${this.peer.name}: ${e.message}`,
        { reason: hs.Reject.INVALID, suites: this.accepted(), message: `malformed handshake message: ${e.message}` }));
    }
    if (type === FrameType.HANDSHAKE_INIT) return this.respond(message);
    if (type === FrameType.HANDSHAKE_RESPONSE) return this.completeAsInitiator(message);
    return this.completeAsResponder(message);
  }

  /** The version byte is read first: another version may lay the rest out differently (REJECT 2). */
  requireVersion(body) {
    const version = new Reader(body).u8('handshake version');
    if (version !== hs.HANDSHAKE_VERSION) {
      throw new HandshakeError(`${this.peer.name} speaks handshake version ${version}; this page speaks ${hs.HANDSHAKE_VERSION}`,
        { reason: hs.Reject.VERSION_MISMATCH, suites: this.accepted(),
          message: `handshake version ${version} not supported; this peer speaks ${hs.HANDSHAKE_VERSION}` });
    }
  }

  accepted() {
    return hs.suiteList(this.engine.suites.map((s) => s.id));
  }

  async respond(init) {
    if (this.underway) {
      this.engine.listener.warning(`unexpected handshake from ${this.peer.name} while one is already under way: ignored (replayed by the relay?)`);
      return;
    }
    this.peer.failure = null; // the peer tries again
    await this.step(async () => {
      this.responder = await Responder.accept(this.peer.context(), init);
      this.engine.listener.status(`Exchanging public keys... (with ${this.peer.name})`);
      this.send(FrameType.HANDSHAKE_RESPONSE, hs.encodeResponse(this.responder.response));
      const attempt = this.responder;
      this.later(FINISH_TIMEOUT_MS, () => {
        if (this.responder !== attempt) return;
        this.responder = null;
        this.engine.listener.warning(`${this.peer.name} did not finish the handshake within ${FINISH_TIMEOUT_MS / 1000} s: dropped it, ready for a new one`);
      });
    });
  }

  async completeAsInitiator(response) {
    const pending = this.initiator;
    if (!pending) {
      this.engine.listener.warning(`unexpected handshake response from ${this.peer.name} ignored (replayed by the relay?)`);
      return;
    }
    this.initiator = null;
    await this.step(async () => {
      const { finish, session } = await pending.receive(response);
      this.send(FrameType.HANDSHAKE_FINISH, hs.encodeFinish(finish));
      await this.peer.established(session);
    });
  }

  async completeAsResponder(finish) {
    const pending = this.responder;
    if (!pending) {
      this.engine.listener.warning(`unexpected handshake finish from ${this.peer.name} ignored (replayed by the relay?)`);
      return;
    }
    this.responder = null;
    await this.step(async () => this.peer.established(await pending.finish(finish)));
  }

  refused(reject) {
    if (this.peer.session) {
      this.engine.listener.warning(`unexpected handshake rejection from ${this.peer.name} ignored`);
      return;
    }
    this.peer.failed(`${this.peer.name} refused the handshake: ${reject.message}`);
  }

  async step(run) {
    try {
      await run();
    } catch (e) {
      if (!(e instanceof HandshakeError)) throw e;
      this.fail(e);
    }
  }

  fail(error) {
    if (error.reject) this.send(FrameType.HANDSHAKE_REJECT, hs.encodeReject(error.reject));
    this.peer.failed(`handshake with ${this.peer.name} failed: ${error.message}`);
  }

  send(type, body) {
    this.engine.sendTo(this.peer.name, type, body);
  }

  later(ms, run) {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.engine.run(run), ms);
  }

  /** Ends whatever is under way (the peer left, or the connection dropped). */
  abort() {
    clearTimeout(this.timer);
    this.initiator = null;
    this.responder = null;
  }
}
