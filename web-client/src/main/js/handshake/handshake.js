// The three-message handshake, version 2 (PROTOCOL.md §5-§7), in both roles: the initiator offers its
// suite list with one key share per key agreement; the responder chooses the first offered suite it
// accepts, and echoes the offer so that a downgrade shows. Each role is a small state machine;
// everything it proves is checked before it hands out a Session.
import { ascii, concat, equalBytes } from '../wire/bytes.js';
import { HANDSHAKE_VERSION, Reject, encodeOffer, keyAgreementsOf, suiteList } from '../wire/handshake-messages.js';
import { InvalidKey } from '../crypto/invalid-key.js';
import * as ed25519 from '../crypto/ed25519.js';
import { HandshakeError } from './handshake-error.js';
import { KeySchedule } from './key-schedule.js';
import { safetyCode } from './safety.js';
import { Labels, PROTOCOL_NAME, Transcript, handshakeHash } from './transcript.js';
import { StaticSession } from '../session/static-session.js';
import { RatchetSession } from '../session/ratchet/ratchet-session.js';

const RESPONDER_SIGNATURE = ascii(`${PROTOCOL_NAME} responder signature`);
const INITIATOR_SIGNATURE = ascii(`${PROTOCOL_NAME} initiator signature`);

/**
 * ctx: { suites (accepted, most preferred first), session ('ratchet' or 'static': both sides must agree), room,
 *        self, peer, identity: {privateKey, publicKey}, trace(step, purpose, values) }
 */
export class Initiator {
  /** shares (optional): key agreement id -> pre-made share (the worked example). */
  static async start(ctx, shares = null) {
    const offer = ctx.suites.map((s) => s.id);
    const own = new Map();
    for (const kaId of keyAgreementsOf(offer)) {
      const ka = ctx.suites.find((s) => s.ka.id === kaId).ka;
      own.set(kaId, shares?.get(kaId) ?? await ka.generate());
      ctx.trace?.('ephemeral-keypair', `a fresh ${kaId} key pair for this session only (forward secrecy)`,
        { 'public key': own.get(kaId).publicBytes });
    }
    return new Initiator(ctx, offer, own);
  }

  constructor(ctx, offer, shares) {
    this.ctx = ctx;
    this.offer = offer;
    this.shares = shares;
    this.init = {
      offer, identity: ctx.identity.publicKey,
      shares: [...shares].map(([ka, share]) => ({ ka, publicKey: share.publicBytes })), session: ctx.session,
    };
  }

  /** RESPONSE arrived (its version already checked): verify it and return {finish, session}. */
  async receive(response) {
    const { ctx } = this;
    if (response.offer.join(',') !== this.offer.join(',')) {
      throw new HandshakeError(`downgrade attempt: ${ctx.peer} saw the offer ${response.offer.join(', ')}, `
        + `not ${this.offer.join(', ')} (changed on the way)`,
      { reason: Reject.INVALID, suites: suiteList(this.offer), message: 'the offer you received is not the one I sent' });
    }
    const suite = ctx.suites.find((s) => s.id === response.suite);
    if (!suite) throw new HandshakeError(`${ctx.peer} chose ${response.suite}, which was not offered`);
    requireIdentity(ctx, suite, response.identity);
    let secret;
    try {
      secret = await this.shares.get(suite.ka.id).finish(response.ephemeral);
    } catch (e) {
      if (e instanceof InvalidKey) throw new HandshakeError(`invalid ephemeral key from ${ctx.peer}: ${e.message}`);
      throw e;
    }
    for (const share of this.shares.values()) share.destroy?.(); // every ephemeral key of this attempt
    this.shares.clear();
    ctx.trace?.('shared-secret', `${ctx.peer} chose ${suite.id}; our private key and the peer's answer give the same secret on both sides, the relay cannot compute it`,
      { 'peer message': response.ephemeral });
    const t = new Transcript(ctx.trace);
    const h1 = await handshakeHash(t, {
      offer: encodeOffer(this.offer), suite: suite.id, session: ctx.session, room: ctx.room, initiator: ctx.self, responder: ctx.peer,
      initiatorIdentity: ctx.identity.publicKey, initiatorEphemeral: this.init.shares.find((s) => s.ka === suite.ka.id).publicKey,
      responderIdentity: response.identity, responderEphemeral: response.ephemeral,
    });
    const schedule = await KeySchedule.create(suite, h1, secret, ctx.trace);
    try {
      await verifySignature(ctx, response.identity, RESPONDER_SIGNATURE, h1, response.signature);
      const h2 = await t.absorb(Labels.RESPONDER_SIGNATURE, response.signature);
      await checkConfirmation(ctx, await schedule.confirmation(Labels.RESPONDER_CONFIRM, h2), response.confirmation);
      const h3 = await t.absorb(Labels.RESPONDER_CONFIRM, response.confirmation);
      const signature = await ed25519.sign(ctx.identity.privateKey, concat(INITIATOR_SIGNATURE, h3));
      ctx.trace?.('sign', 'the initiator signs h3 with its identity key: it owns the identity it claims', { signature });
      const h4 = await t.absorb(Labels.INITIATOR_SIGNATURE, signature);
      const confirmation = await schedule.confirmation(Labels.INITIATOR_CONFIRM, h4);
      ctx.trace?.('confirm', 'key confirmation: proves we derived the same keys from the same transcript', { confirmation });
      const h5 = await t.absorb(Labels.INITIATOR_CONFIRM, confirmation);
      const session = await establish({ ...ctx, suite }, schedule, true, h1, h5, response.identity);
      return { finish: { signature, confirmation }, session };
    } finally {
      schedule.destroy();
    }
  }
}

export class Responder {
  /** INIT arrived (its version already checked): choose, answer. Throws HandshakeError (with a REJECT to send). */
  static async accept(ctx, init) {
    const accepted = suiteList(ctx.suites.map((s) => s.id));
    const suite = init.offer.map((id) => ctx.suites.find((s) => s.id === id)).find(Boolean);
    if (!suite) {
      throw new HandshakeError(`${ctx.peer} offers ${init.offer.join(', ')} but you accept ${accepted.replaceAll(',', ', ')}: no suite in common`,
        { reason: Reject.NO_COMMON_SUITE, suites: accepted,
          message: `${ctx.self} accepts ${accepted.replaceAll(',', ', ')}; you offered ${init.offer.join(', ')}` });
    }
    requireSameSession(ctx, init.session, accepted);
    requireIdentity(ctx, suite, init.identity);
    const initiatorShare = init.shares.find((s) => s.ka === suite.ka.id).publicKey;
    let agreed;
    try {
      agreed = await suite.ka.respond(initiatorShare);
    } catch (e) {
      if (!(e instanceof InvalidKey)) throw e;
      throw new HandshakeError(`invalid ephemeral key from ${ctx.peer}: ${e.message}`,
        { reason: Reject.INVALID, suites: accepted, message: `invalid ephemeral key: ${e.message}` });
    }
    ctx.trace?.('ephemeral-keypair', `${suite.id} chosen: the first suite of ${ctx.peer}'s offer that we accept; a fresh ${suite.ka.id} answer for this session only`,
      { 'our message': agreed.message });
    ctx.trace?.('shared-secret', 'our private key and the peer\'s public value give the same secret on both sides; the relay cannot compute it',
      { 'peer public key': initiatorShare });
    const t = new Transcript(ctx.trace);
    const h1 = await handshakeHash(t, {
      offer: encodeOffer(init.offer), suite: suite.id, session: ctx.session, room: ctx.room, initiator: ctx.peer, responder: ctx.self,
      initiatorIdentity: init.identity, initiatorEphemeral: initiatorShare,
      responderIdentity: ctx.identity.publicKey, responderEphemeral: agreed.message,
    });
    const schedule = await KeySchedule.create(suite, h1, agreed.secret, ctx.trace);
    const signature = await ed25519.sign(ctx.identity.privateKey, concat(RESPONDER_SIGNATURE, h1));
    ctx.trace?.('sign', 'the responder signs h1 with its identity key: a relay that swaps keys or edits the offer cannot forge this', { signature });
    const h2 = await t.absorb(Labels.RESPONDER_SIGNATURE, signature);
    const confirmation = await schedule.confirmation(Labels.RESPONDER_CONFIRM, h2);
    ctx.trace?.('confirm', 'key confirmation: proves we derived the same keys from the same transcript', { confirmation });
    const h3 = await t.absorb(Labels.RESPONDER_CONFIRM, confirmation);
    const responder = new Responder({ ...ctx, suite }, t, schedule, h1, h3, init.identity);
    responder.response = {
      suite: suite.id, offer: init.offer, identity: ctx.identity.publicKey, ephemeral: agreed.message, signature, confirmation,
    };
    return responder;
  }

  constructor(ctx, transcript, schedule, h1, h3, initiatorIdentity) {
    Object.assign(this, { ctx, transcript, schedule, h1, h3, initiatorIdentity, done: false });
  }

  /** FINISH arrived: verify it and return the Session. */
  async finish(finish) {
    const { ctx } = this;
    if (this.done) throw new HandshakeError(`duplicate handshake finish from ${ctx.peer} ignored`);
    this.done = true;
    try {
      await verifySignature(ctx, this.initiatorIdentity, INITIATOR_SIGNATURE, this.h3, finish.signature);
      const h4 = await this.transcript.absorb(Labels.INITIATOR_SIGNATURE, finish.signature);
      await checkConfirmation(ctx, await this.schedule.confirmation(Labels.INITIATOR_CONFIRM, h4), finish.confirmation);
      const h5 = await this.transcript.absorb(Labels.INITIATOR_CONFIRM, finish.confirmation);
      return await establish(ctx, this.schedule, false, this.h1, h5, this.initiatorIdentity);
    } finally {
      this.schedule.destroy();
    }
  }
}

export { HANDSHAKE_VERSION };

/** Both sides make the same kind of session: the initiator's is in INIT, another one is a REJECT 4 (§5). */
function requireSameSession(ctx, theirs, accepted) {
  if (theirs === ctx.session) return;
  throw new HandshakeError(`${ctx.peer} asked for a ${theirs} session but you use ${ctx.session} sessions; `
    + 'use the same session type on both sides (ratchet is the default)',
  { reason: Reject.SESSION_MISMATCH, suites: accepted,
    message: `${ctx.self} uses ${ctx.session} sessions but you asked for ${theirs}; use the same --session on both sides (ratchet is the default)` });
}

function requireIdentity(ctx, suite, key) {
  if (key.length !== ed25519.PUBLIC_KEY_LENGTH) {
    throw new HandshakeError(`${ctx.peer}'s identity key is ${key.length} bytes, not 32`,
      { reason: Reject.INVALID, suites: suiteList(ctx.suites.map((s) => s.id)), message: 'invalid identity key' });
  }
}

async function verifySignature(ctx, identity, label, hash, signature) {
  if (!await ed25519.verify(identity, signature, concat(label, hash))) {
    throw new HandshakeError(`bad signature from ${ctx.peer}: the handshake was tampered with or ${ctx.peer} is not who they claim`);
  }
  ctx.trace?.('verify', `${ctx.peer}'s signature over the transcript verifies with the identity key it sent`, {});
}

async function checkConfirmation(ctx, expected, received) {
  if (!equalBytes(expected, received)) {
    throw new HandshakeError(`key confirmation from ${ctx.peer} does not match: the handshake was tampered with`);
  }
  ctx.trace?.('confirm-verified', `${ctx.peer} derived the same keys from the same transcript`, {});
}

async function establish(ctx, schedule, initiator, h1, h5, peerIdentity) {
  const code = await safetyCode(h1);
  const facts = { h1, sessionHash: h5, safetyCode: code, peerIdentity };
  const session = ctx.session === 'static'
    ? await staticSession(ctx, schedule, initiator, facts)
    : await ratchetSession(ctx, schedule, initiator, facts);
  ctx.trace?.('safety-code', `H("${PROTOCOL_NAME} safety code" || h1): both sides see the same code unless someone sits in the middle`,
    { 'safety code': code });
  return session;
}

async function staticSession(ctx, schedule, initiator, facts) {
  const keys = await schedule.directionKeys();
  ctx.trace?.('keys', 'static session: one key and base IV per direction, a message can never be reflected back as the other side\'s',
    Object.fromEntries([['i2r key', keys.i2rKey], ['i2r iv', keys.i2rIv], ['r2i key', keys.r2iKey], ['r2i iv', keys.r2iIv]]
      .map(([k, v]) => [k, Uint8Array.from(v)])));
  return StaticSession.create(ctx, initiator, keys, facts);
}

async function ratchetSession(ctx, schedule, initiator, facts) {
  const keys = await schedule.ratchetKeys();
  const shown = (v) => (ctx.traceSecrets ? Uint8Array.from(v) : '(secret)');
  ctx.trace?.('keys', 'ratchet session: the root key and the first chain key of each direction; every message key comes from a chain step',
    { 'root key': shown(keys.rootKey), 'i2r chain key': shown(keys.i2rChainKey), 'r2i chain key': shown(keys.r2iChainKey) });
  return RatchetSession.create(ctx, initiator, keys, facts);
}
