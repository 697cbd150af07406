// A Double Ratchet session with one peer (PROTOCOL.md §8.2), generic over the suite: its key agreement
// for the asymmetric steps, its KDF for the root and chain steps, its AEAD for the messages. Same
// API as the static session: create, seal, open, destroy.
//
// Epochs number the sending chains: 1 is each side's chain from the handshake, then the responder's
// are even and the initiator's odd. A side steps when it holds a share of the peer's it has not
// answered: respond(share) gives a secret for the root key and a new sending chain, and a fresh
// generate() share rides along for the peer to answer in turn (the peer gets the secret with finish).
import { concat } from '../../wire/bytes.js';
import { FrameType, encodeHeader } from '../../wire/envelope.js';
import { InvalidKey } from '../../crypto/invalid-key.js';
import { AuthenticationFailed } from '../../crypto/aes-256-gcm.js';
import { Rejected, requireOurs } from '../rejected.js';
import { MAX_U32, encodeRatchetHeader, parseRatchetHeader, ratchetNonce } from './ratchet-header.js';
import { RatchetKdf } from './ratchet-kdf.js';
import { MAX_SKIPPED, SkippedKeys } from './skipped-keys.js';
import { SymmetricChain } from './symmetric-chain.js';

/** The reference client steps at most once a second (§8.2 "When to step"); the first step is never put off. */
export const STEP_INTERVAL_MS = 1000;

export class RatchetSession {
  /**
   * keys: { rootKey, i2rChainKey, r2iChainKey } from the key schedule, owned by the session from now on.
   * ctx.ratchet (optional): { stepIntervalMs, maxSkipped }; ctx.traceSecrets: put key values in the trace (tests).
   */
  static async create(ctx, initiator, keys, facts) {
    const session = new RatchetSession(ctx, initiator, keys, facts);
    if (initiator) {
      // The first turn: the initiator's epoch 1 carries a share that answers nothing; the responder's first step answers it.
      session.own = await ctx.suite.ka.generate();
      session.attach = { response: new Uint8Array(0), share: session.own.publicBytes };
      session.traceStep('ratchet-share', 'our first ratchet share, sent with our first messages for the peer to answer', {
        epoch: 1, 'our share': session.own.publicBytes,
      });
    }
    return session;
  }

  constructor(ctx, initiator, keys, { h1, sessionHash, safetyCode, peerIdentity }) {
    Object.assign(this, { suite: ctx.suite, room: ctx.room, self: ctx.self, peer: ctx.peer, trace: ctx.trace, warn: ctx.warn });
    Object.assign(this, { h1, sessionHash, safetyCode, peerIdentity, initiator });
    this.traceSecrets = ctx.traceSecrets === true;
    this.stepIntervalMs = ctx.ratchet?.stepIntervalMs ?? STEP_INTERVAL_MS;
    this.maxSkipped = ctx.ratchet?.maxSkipped ?? MAX_SKIPPED;
    this.ka = ctx.suite.ka;
    this.kdf = new RatchetKdf(ctx.suite);
    this.rootKey = keys.rootKey;
    const [sendKey, receiveKey] = initiator ? [keys.i2rChainKey, keys.r2iChainKey] : [keys.r2iChainKey, keys.i2rChainKey];
    this.sending = new SymmetricChain(this.kdf, 1, sendKey);
    this.receiving = new SymmetricChain(this.kdf, 1, receiveKey);
    this.skipped = new SkippedKeys(this.maxSkipped);
    this.own = null;           // our latest share, until the peer answers it
    this.peerShare = null;     // the peer's latest share, until we answer it...
    this.peerShareEpoch = 0;   // ...and the epoch that brought it
    this.attach = null;        // {response, share} of our sending epoch, until the peer has seen that epoch
    this.previous = 0;         // messages in our previous sending chain
    this.seen = 0;             // the latest of the peer's epochs we received a message of
    this.peerSeen = 0;         // the latest of ours the peer says it has
    this.stepped = false;
    this.lastStepAt = 0;
    this.destroyed = false;
  }

  // ---- sending ----

  /** The whole DATA frame for this plaintext. */
  async seal(plaintext) {
    this.requireLive();
    if (this.peerShare && this.stepDue()) await this.step();
    const { epoch, next: n } = this.sending;
    if (n > MAX_U32) throw new Error(`sent 2^32 messages to ${this.peer} without a reply to ratchet with; rejoin for a new session`);
    const attach = this.attach !== null && this.peerSeen < epoch;
    const fields = { epoch, n, previous: this.previous, seen: this.seen,
      response: attach ? this.attach.response : null, share: attach ? this.attach.share : null };
    const aad = concat(encodeHeader(FrameType.DATA, this.self, this.peer, this.room), encodeRatchetHeader(fields));
    const chainKey = this.secretForTrace(this.sending.key);
    const messageKey = await this.sending.nextMessageKey();
    const nonce = ratchetNonce(this.suite.aead.nonceLength, epoch, n);
    try {
      const sealed = await this.crypt(true, messageKey, nonce, plaintext, aad);
      this.traceMessage('seal', 'encrypt with this message\'s own key (one chain step; the chain key it came from is overwritten); nonce = epoch || n; AAD binds the envelope and every ratchet field',
        fields, chainKey, messageKey, nonce);
      return concat(aad, sealed);
    } finally {
      messageKey.fill(0);
    }
  }

  stepDue() {
    return !this.stepped || Date.now() - this.lastStepAt >= this.stepIntervalMs;
  }

  /** Answers the peer's share, mixes the secret into the root key, starts a sending chain, publishes a new share. */
  async step() {
    const answered = this.peerShare;
    const epoch = this.peerShareEpoch + 1;
    this.peerShare = null; // answered now, or refused for good
    if (epoch > MAX_U32) throw new Error(`the session with ${this.peer} used all 2^32 ratchet epochs; rejoin for a new session`);
    let response;
    try {
      response = await this.ka.respond(answered);
    } catch (e) {
      if (!(e instanceof InvalidKey)) throw e;
      this.warn?.(`${this.peer} sent an invalid ratchet key share (${e.message}); the session goes on without this step`);
      return;
    }
    const fresh = await this.ka.generate();
    const rootBefore = this.secretForTrace(this.rootKey);
    const secret = this.secretForTrace(response.secret);
    const derived = await this.kdf.rootStep(this.rootKey, response.secret);
    response.secret.fill(0);
    this.rootKey.fill(0);
    this.rootKey = derived.rootKey;
    this.previous = this.sending.next;
    this.sending.destroy();
    this.sending = new SymmetricChain(this.kdf, epoch, derived.chainKey);
    this.own?.destroy?.();
    this.own = fresh;
    this.attach = { response: response.message, share: fresh.publicBytes };
    this.stepped = true;
    this.lastStepAt = Date.now();
    this.traceStep('ratchet-step', `asymmetric step: we answer ${this.peer}'s share of epoch ${epoch - 1} (respond), mix the new secret into the root key, and start our epoch ${epoch}; a thief who copied our keys before is locked out once ${this.peer} answers our new share`, {
      epoch, 'peer share': answered, 'our response': response.message, 'our new share': fresh.publicBytes,
      'secret': secret, 'root key before': rootBefore, 'root key': this.secretForTrace(this.rootKey),
      'chain key': this.secretForTrace(derived.chainKey),
    });
  }

  // ---- receiving ----

  /** Opens a DATA frame addressed to us: {plaintext, missed, late}. Throws Rejected; a rejected message changes nothing. */
  async open(envelope, frame) {
    this.requireLive();
    requireOurs(this, envelope);
    const at = envelope.bodyOffset;
    const tagAt = frame.length - this.suite.aead.tagLength;
    if (tagAt < at) throw new Rejected('tampered', `rejected a tampered or forged message from ${this.peer} (too short to be genuine)`);
    const { fields, length } = parseRatchetHeader(frame.subarray(at, tagAt), this.peer);
    const aad = frame.subarray(0, at + length);
    const nonce = ratchetNonce(this.suite.aead.nonceLength, fields.epoch, fields.n);
    const attempt = await this.attempt(fields);
    let plaintext;
    try {
      plaintext = await this.crypt(false, attempt.messageKey, nonce, frame.subarray(at + length), aad);
    } catch (e) {
      attempt.abandon();
      if (e instanceof AuthenticationFailed) {
        throw new Rejected('tampered', `rejected a tampered or forged message from ${this.peer} (authentication failed)`);
      }
      throw e;
    }
    this.traceMessage('open', 'decrypt with the key the chain gives for (epoch, n); a key opens one message and is erased, so a replay finds none',
      fields, attempt.chainKey, attempt.messageKey, nonce);
    const missed = await this.commit(attempt, fields);
    return { plaintext, missed, late: attempt.late };
  }

  /** The key for a message, computed without changing anything: commit() applies it, abandon() erases it. */
  async attempt(fields) {
    const { epoch, n } = fields;
    this.checkShape(fields);
    const kept = this.skipped.copyOf(epoch, n);
    if (kept) return new Attempt({ messageKey: kept, late: true });
    if (epoch === this.receiving.epoch && n >= this.receiving.next) return this.inChain(this.receiving.copy(), n);
    if (epoch > this.receiving.epoch) return this.newEpoch(fields);
    throw new Rejected('replay', `message #${n} of epoch ${epoch} from ${this.peer} was replayed, or reordered after its key was used or dropped `
      + `(next expected: #${this.receiving.next} of epoch ${this.receiving.epoch})`);
  }

  /** The peer's epochs are 1, then odd for an initiator and even for a responder; key material has its sizes. */
  checkShape({ epoch, response, share }) {
    const peerIsInitiator = !this.initiator;
    if (epoch !== 1 && (epoch % 2 === 1) !== peerIsInitiator) throw this.forged(`epoch ${epoch} is not one of ${this.peer}'s`);
    if (!share) return;
    const expectedResponse = epoch === 1 ? 0 : this.ka.responseLength;
    if ((epoch === 1 && !peerIsInitiator) || response.length !== expectedResponse || share.length !== this.ka.publicLength) {
      throw this.forged(`key material of the wrong size for ${this.ka.id}`);
    }
  }

  async newEpoch({ epoch, n, response, share }) {
    if (epoch !== this.sending.epoch + 1 || !this.own) throw this.forged(`epoch ${epoch} does not answer our latest key share`);
    if (!share) throw this.forged(`epoch ${epoch} starts without its key material`);
    let secret;
    try {
      secret = await this.own.finish(response);
    } catch (e) {
      if (e instanceof InvalidKey) throw this.forged(`invalid ratchet key material: ${e.message}`);
      throw e;
    }
    const forTrace = this.secretForTrace(secret);
    const derived = await this.kdf.rootStep(this.rootKey, secret);
    secret.fill(0);
    const stepChainKey = this.secretForTrace(derived.chainKey);
    try {
      const attempt = await this.inChain(new SymmetricChain(this.kdf, epoch, derived.chainKey), n);
      Object.assign(attempt, { rootKey: derived.rootKey, secret: forTrace, response, stepChainKey });
      return attempt;
    } catch (e) {
      derived.rootKey.fill(0);
      derived.chainKey.fill(0);
      throw e;
    }
  }

  /** Moves chain (a copy) to message n, keeping the keys it passes for the store. */
  async inChain(chain, n) {
    const from = chain.next;
    if (n - from > this.maxSkipped) {
      chain.destroy();
      throw new Rejected('too-far', `message #${n} of epoch ${chain.epoch} from ${this.peer} is ${n - from} messages ahead of #${from}, `
        + `more than the ${this.maxSkipped} this session keeps keys for: refused (the relay dropped too many, or forged it)`);
    }
    const passed = [];
    while (chain.next < n) passed.push(await chain.nextMessageKey());
    const chainKey = this.secretForTrace(chain.key);
    return new Attempt({ messageKey: await chain.nextMessageKey(), chain, passed, from, chainKey });
  }

  /** Applies an attempt whose message authenticated; returns how many messages are missing before it. */
  async commit(attempt, { epoch, n, previous, seen, share }) {
    let missed = 0;
    if (attempt.late) {
      this.skipped.erase(epoch, n);
    } else {
      if (attempt.rootKey) {
        // The peer's previous chain is our receiving chain: keep the keys of its messages not here yet.
        const behind = Math.max(0, previous - this.receiving.next);
        for (let i = 0; i < Math.min(behind, this.maxSkipped); i++) {
          const number = this.receiving.next;
          this.skipped.put(this.receiving.epoch, number, await this.receiving.nextMessageKey());
        }
        const rootBefore = this.secretForTrace(this.rootKey);
        this.rootKey.fill(0);
        this.rootKey = attempt.rootKey;
        this.traceStep('ratchet-step-received', `${this.peer} stepped to epoch ${epoch}: it answered our share, and finish with our private key gives the same secret; the root key moves on and the share's private key is erased`, {
          epoch, 'peer response': attempt.response, 'secret': attempt.secret, 'root key before': rootBefore,
          'root key': this.secretForTrace(this.rootKey), 'chain key': attempt.stepChainKey,
        });
        this.own.destroy?.();
        this.own = null;
        missed = behind;
      }
      attempt.passed.forEach((key, i) => this.skipped.put(epoch, attempt.from + i, key));
      missed += attempt.passed.length;
      this.receiving.destroy();
      this.receiving = attempt.chain;
    }
    attempt.messageKey.fill(0);
    this.seen = Math.max(this.seen, epoch);
    this.peerSeen = Math.max(this.peerSeen, Math.min(seen, this.sending.epoch));
    if (share && epoch > this.peerShareEpoch) {
      this.peerShare = share;
      this.peerShareEpoch = epoch;
    }
    return missed;
  }

  // ---- helpers ----

  /** Seals or opens under a message key used for this one message. */
  async crypt(seal, messageKey, nonce, input, aad) {
    const { aead } = this.suite;
    const key = await aead.importKey(messageKey);
    try {
      return seal ? await aead.seal(key, nonce, input, aad) : await aead.open(key, nonce, input, aad);
    } finally {
      if (key instanceof Uint8Array) key.fill(0); // raw keys (noble); a WebCrypto key cannot be read back
    }
  }

  forged(what) {
    return new Rejected('tampered', `rejected a forged message from ${this.peer}: ${what}`);
  }

  requireLive() {
    if (this.destroyed) throw new Error(`session with ${this.peer} was closed and its keys erased`);
  }

  /** A copy of a secret for the trace when the tests ask for values; otherwise only its name is traced. */
  secretForTrace(bytes) {
    return this.traceSecrets && bytes ? Uint8Array.from(bytes) : '(secret)';
  }

  traceStep(step, purpose, values) {
    this.trace?.(step, purpose, values);
  }

  traceMessage(step, purpose, fields, chainKey, messageKey, nonce) {
    this.trace?.(step, purpose, {
      epoch: fields.epoch, n: fields.n, previous: fields.previous, seen: fields.seen, 'keys attached': fields.share !== null,
      'chain key': chainKey ?? '(kept key)', 'message key': this.secretForTrace(messageKey), nonce,
    });
  }

  destroy() {
    this.destroyed = true;
    this.rootKey.fill(0);
    this.sending.destroy();
    this.receiving.destroy();
    this.skipped.destroy();
    this.own?.destroy?.();
    this.own = null;
  }
}

/** A message key computed but not applied yet, and what applying it changes. */
class Attempt {
  constructor({ messageKey, chain = null, passed = [], from = 0, chainKey = null, late = false }) {
    Object.assign(this, { messageKey, chain, passed, from, chainKey, late, rootKey: null });
  }

  /** The message did not authenticate: nothing changes, and every key computed for it is erased. */
  abandon() {
    this.chain?.destroy();
    for (const key of this.passed) key.fill(0);
    this.rootKey?.fill(0);
    this.messageKey.fill(0);
  }
}
