// The three-message handshake, version 1 (PROTOCOL.md §5-§7), in both roles. Each role is a small
// state machine; everything it proves is checked before it hands out a Session.
import { ascii, concat, equalBytes } from '../wire/bytes.js';
import { HANDSHAKE_VERSION, Reject } from '../wire/handshake-messages.js';
import { InvalidKey } from '../crypto/invalid-key.js';
import * as ed25519 from '../crypto/ed25519.js';
import { HandshakeError } from './handshake-error.js';
import { KeySchedule } from './key-schedule.js';
import { safetyCode } from './safety.js';
import { Labels, Transcript, handshakeHash } from './transcript.js';
import { Session } from '../session/session.js';

const RESPONDER_SIGNATURE = ascii('BlindRelay/1 responder signature');
const INITIATOR_SIGNATURE = ascii('BlindRelay/1 initiator signature');

/**
 * ctx: { suite, room, self, peer, identity: {privateKey, publicKey}, trace(step, purpose, values) }
 * share (optional): a pre-made ephemeral share (the worked example).
 */
export class Initiator {
  static async start(ctx, share = null) {
    const own = share ?? await ctx.suite.ka.generate();
    ctx.trace?.('ephemeral-keypair', `a fresh ${ctx.suite.ka.id} key pair for this session only (forward secrecy)`,
      { 'public key': own.publicBytes });
    return new Initiator(ctx, own);
  }

  constructor(ctx, share) {
    this.ctx = ctx;
    this.share = share;
    this.init = { version: HANDSHAKE_VERSION, suite: ctx.suite.id, identity: ctx.identity.publicKey, ephemeral: share.publicBytes };
  }

  /** RESPONSE arrived: verify it and return {finish, session}. */
  async receive(response) {
    const { ctx } = this;
    if (response.version !== HANDSHAKE_VERSION) {
      throw new HandshakeError(`${ctx.peer} answered with handshake version ${response.version}`);
    }
    if (response.suite !== ctx.suite.id) {
      throw new HandshakeError(`${ctx.peer} answered with suite ${response.suite}, not ${ctx.suite.id}`);
    }
    requireIdentity(ctx, response.identity);
    let secret;
    try {
      secret = await this.share.finish(response.ephemeral);
    } catch (e) {
      if (e instanceof InvalidKey) throw new HandshakeError(`invalid ephemeral key from ${ctx.peer}: ${e.message}`);
      throw e;
    }
    ctx.trace?.('shared-secret', 'our private key and the peer\'s public value give the same secret on both sides; the relay cannot compute it',
      { 'peer public key': response.ephemeral });
    const t = new Transcript(ctx.trace);
    const h1 = await handshakeHash(t, {
      suite: ctx.suite.id, room: ctx.room, initiator: ctx.self, responder: ctx.peer,
      initiatorIdentity: ctx.identity.publicKey, initiatorEphemeral: this.share.publicBytes,
      responderIdentity: response.identity, responderEphemeral: response.ephemeral,
    });
    const schedule = await KeySchedule.create(ctx.suite, h1, secret, ctx.trace);
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
      const session = await establish(ctx, schedule, true, h1, h5, response.identity);
      return { finish: { signature, confirmation }, session };
    } finally {
      schedule.destroy();
    }
  }
}

export class Responder {
  /** INIT arrived: check it, answer. Throws HandshakeError (with a REJECT to send) when refused. */
  static async accept(ctx, init) {
    const own = ctx.suite.id;
    if (init.version !== HANDSHAKE_VERSION) {
      throw new HandshakeError(`${ctx.peer} speaks handshake version ${init.version}; this page speaks ${HANDSHAKE_VERSION}`,
        { reason: Reject.VERSION_MISMATCH, suite: own, message: `handshake version ${init.version} not supported; this peer speaks ${HANDSHAKE_VERSION}` });
    }
    if (init.suite !== own) {
      throw new HandshakeError(`${ctx.peer} uses suite ${init.suite} but you use ${own}; both sides must choose the same suite`,
        { reason: Reject.SUITE_MISMATCH, suite: own, message: `${ctx.self} uses suite ${own} but you offered ${init.suite}` });
    }
    requireIdentity(ctx, init.identity);
    let agreed;
    try {
      agreed = await ctx.suite.ka.respond(init.ephemeral);
    } catch (e) {
      if (!(e instanceof InvalidKey)) throw e;
      throw new HandshakeError(`invalid ephemeral key from ${ctx.peer}: ${e.message}`,
        { reason: Reject.INVALID, suite: own, message: `invalid ephemeral key: ${e.message}` });
    }
    ctx.trace?.('ephemeral-keypair', `a fresh ${ctx.suite.ka.id} key pair (or encapsulation) for this session only`,
      { 'our message': agreed.message });
    ctx.trace?.('shared-secret', 'our private key and the peer\'s public value give the same secret on both sides; the relay cannot compute it',
      { 'peer public key': init.ephemeral });
    const t = new Transcript(ctx.trace);
    const h1 = await handshakeHash(t, {
      suite: own, room: ctx.room, initiator: ctx.peer, responder: ctx.self,
      initiatorIdentity: init.identity, initiatorEphemeral: init.ephemeral,
      responderIdentity: ctx.identity.publicKey, responderEphemeral: agreed.message,
    });
    const schedule = await KeySchedule.create(ctx.suite, h1, agreed.secret, ctx.trace);
    const signature = await ed25519.sign(ctx.identity.privateKey, concat(RESPONDER_SIGNATURE, h1));
    ctx.trace?.('sign', 'the responder signs h1 with its identity key: a relay that swaps keys cannot forge this', { signature });
    const h2 = await t.absorb(Labels.RESPONDER_SIGNATURE, signature);
    const confirmation = await schedule.confirmation(Labels.RESPONDER_CONFIRM, h2);
    ctx.trace?.('confirm', 'key confirmation: proves we derived the same keys from the same transcript', { confirmation });
    const h3 = await t.absorb(Labels.RESPONDER_CONFIRM, confirmation);
    const responder = new Responder(ctx, t, schedule, h1, h3, init.identity);
    responder.response = { suite: own, identity: ctx.identity.publicKey, ephemeral: agreed.message, signature, confirmation };
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

function requireIdentity(ctx, key) {
  if (key.length !== ed25519.PUBLIC_KEY_LENGTH) {
    throw new HandshakeError(`${ctx.peer}'s identity key is ${key.length} bytes, not 32`,
      { reason: Reject.INVALID, suite: ctx.suite.id, message: 'invalid identity key' });
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
  const keys = await schedule.directionKeys();
  const code = await safetyCode(h1);
  ctx.trace?.('keys', 'one key and base IV per direction: a message can never be reflected back as the other side\'s',
    Object.fromEntries([['i2r key', keys.i2rKey], ['i2r iv', keys.i2rIv], ['r2i key', keys.r2iKey], ['r2i iv', keys.r2iIv]]
      .map(([k, v]) => [k, Uint8Array.from(v)])));
  ctx.trace?.('safety-code', 'H("BlindRelay/1 safety code" || h1): both sides see the same code unless someone sits in the middle',
    { 'safety code': code });
  return Session.create(ctx, initiator, keys, { h1, sessionHash: h5, safetyCode: code, peerIdentity });
}
