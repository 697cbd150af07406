// The browser client's unit tests, run in Chromium by browser-tests (JavaScriptUnitTest), which
// passes in the worked example of docs/PROTOCOL.md §12, read from the document itself: a handshake
// version 2 negotiation that picks the X25519MLKEM768 hybrid. The example is recomputed byte for byte
// with this page's WebCrypto and @noble code: the same modules the client runs.
import { MalformedFrame, concat, fromHex, hex, utf8 } from '../../main/js/wire/bytes.js';
import { FrameType, encodeEnvelope, parseEnvelope } from '../../main/js/wire/envelope.js';
import * as hs from '../../main/js/wire/handshake-messages.js';
import { encodeMessage, parsePayload } from '../../main/js/wire/chat-payload.js';
import { nameProblem } from '../../main/js/wire/names.js';
import { findSuite } from '../../main/js/crypto/suites.js';
import * as p256 from '../../main/js/crypto/p256.js';
import { HandshakeError } from '../../main/js/handshake/handshake-error.js';
import * as x25519 from '../../main/js/crypto/x25519.js';
import * as mlkem from '../../main/js/crypto/ml-kem-768.js';
import * as hybrid from '../../main/js/crypto/x25519-mlkem768.js';
import { identityFromSeed } from '../../main/js/crypto/ed25519.js';
import { InvalidKey } from '../../main/js/crypto/invalid-key.js';
import { Initiator, Responder } from '../../main/js/handshake/handshake.js';
import { safetyNumber } from '../../main/js/handshake/safety.js';
import { nonceFor, Rejected } from '../../main/js/session/session.js';

const results = [];

function check(name, actual, expected) {
  const a = actual instanceof Uint8Array ? hex(actual) : String(actual);
  const e = expected instanceof Uint8Array ? hex(expected) : String(expected);
  results.push(a === e ? `ok   ${name}` : `FAIL ${name}: expected ${e}, got ${a}`);
}

async function throws(name, run, type) {
  try {
    await run();
    results.push(`FAIL ${name}: nothing was thrown`);
  } catch (e) {
    results.push(e instanceof type ? `ok   ${name} (${e.message})` : `FAIL ${name}: threw ${e}`);
  }
}

/** The example's key agreements, with its fixed keys: Alice's shares, and Bob's fixed answer. */
async function fixedSuites(x, offer) {
  const aliceShares = new Map();
  const hybridPublic = fromHex(x['alice.x25519mlkem768.public']);
  aliceShares.set('X25519MLKEM768', await hybrid.generate({ private: fromHex(x['alice.x25519mlkem768.private']), public: hybridPublic }));
  check('alice.x25519mlkem768.public (ML-KEM-768 key pair from the seed d || z)', aliceShares.get('X25519MLKEM768').publicBytes, hybridPublic);
  aliceShares.set('X25519', await x25519.fromPrivate(fromHex(x['alice.x25519.private']), fromHex(x['alice.x25519.public'])));
  // Bob's ML-KEM encapsulation randomness is not in the example: his answer is the documented
  // ciphertext, and his half of the secret the documented ML-KEM secret; his X25519 part is computed.
  const bobMessage = fromHex(x['bob.ephemeral.public']);
  const bobX25519 = await x25519.fromPrivate(fromHex(x['bob.ephemeral.private']), bobMessage.subarray(1088));
  const respond = async (initiatorPublic) => ({
    message: bobMessage,
    secret: concat(fromHex(x['shared.secret.mlkem768']), await bobX25519.finish(initiatorPublic.subarray(1184))),
  });
  const suites = offer.map((id) => {
    const base = findSuite(id);
    return base.ka.id === 'X25519MLKEM768' ? { ...base, ka: { ...base.ka, id: base.ka.id, respond } } : base;
  });
  return { suites, aliceShares };
}

/** The example's handshake, Alice initiating, with the session type given: frames, traces and both sessions. */
async function handshake(x, session) {
  const list = (key) => x[key].split(',').map((s) => s.trim());
  const offer = list('offer');
  const { suites, aliceShares } = await fixedSuites(x, offer);
  const bobAccepts = list('bob.accepts').map((id) => suites.find((s) => s.id === id));
  const alice = await identityFromSeed(fromHex(x['alice.identity.private']), fromHex(x['alice.identity.public']));
  const bob = await identityFromSeed(fromHex(x['bob.identity.private']), fromHex(x['bob.identity.public']));
  const traced = {};
  const room = x['room'];
  const A = x['initiator'];
  const B = x['responder'];
  const ctx = (self, peer, identity, accepted, kind = session) => ({
    suites: accepted, session: kind, room, self, peer, identity,
    trace: (step, purpose, values) => (traced[self] ??= []).push({ step, values }),
  });
  const initiator = await Initiator.start(ctx(A, B, alice, suites), aliceShares);
  const initFrame = encodeEnvelope(FrameType.HANDSHAKE_INIT, A, B, room, hs.encodeInit(initiator.init));
  const responder = await Responder.accept(ctx(B, A, bob, bobAccepts), hs.parseInit(parseEnvelope(initFrame).body));
  const responseFrame = encodeEnvelope(FrameType.HANDSHAKE_RESPONSE, B, A, room, hs.encodeResponse(responder.response));
  const { finish, session: aliceSession } = await initiator.receive(hs.parseResponse(parseEnvelope(responseFrame).body));
  const finishFrame = encodeEnvelope(FrameType.HANDSHAKE_FINISH, A, B, room, hs.encodeFinish(finish));
  const bobSession = await responder.finish(hs.parseFinish(parseEnvelope(finishFrame).body));
  return {
    A, B, room, alice, bob, suites, aliceShares, ctx, traced, responder, finish, initFrame, responseFrame, finishFrame,
    aliceSession, bobSession,
  };
}

async function workedExample(x) {
  const run = await handshake(x, 'ratchet');
  const { A, B, alice, bob, suites, aliceShares, ctx, traced, responder, finish, initFrame, responseFrame, finishFrame } = run;
  check('frame.init', initFrame, fromHex(x['frame.init']));
  check('suite chosen by the rule of §5', responder.response.suite, x['suite']);
  check('frame.response', responseFrame, fromHex(x['frame.response']));
  check('frame.finish', finishFrame, fromHex(x['frame.finish']));

  const kem = mlkem.generate(fromHex(x['alice.x25519mlkem768.private']).subarray(0, 64));
  check('shared.secret.mlkem768 (Alice decapsulates Bob\'s ciphertext)', await kem.finish(fromHex(x['bob.ephemeral.public']).subarray(0, 1088)),
    fromHex(x['shared.secret.mlkem768']));
  const hashes = traced[A].filter((t) => t.step === 'transcript').map((t) => t.values.hash);
  const fields = Object.keys(x).filter((k) => /^transcript\.\d\d$/.test(k)).length;
  check('every transcript field of the example absorbed', hashes.length, fields);
  hashes.forEach((h, i) => check(`transcript.${String(i + 1).padStart(2, '0')}`, h, fromHex(x[`transcript.${String(i + 1).padStart(2, '0')}`])));
  check('transcript field 4 is the session type', hex(traced[A].filter((t) => t.step === 'transcript')[3].values.value), hex(utf8('ratchet')));
  check('prk', traced[A].find((t) => t.step === 'hkdf-extract').values.prk, fromHex(x['prk']));
  for (const side of [A, B]) {
    const keys = traced[side].find((t) => t.step === 'keys').values;
    for (const k of ['root key', 'i2r chain key', 'r2i chain key']) check(`${k.replaceAll(' ', '.')} (${side})`, keys[k], fromHex(x[k.replaceAll(' ', '.')]));
  }
  check('responder.confirm', responder.response.confirmation, fromHex(x['responder.confirm']));
  check('initiator.confirm', finish.confirmation, fromHex(x['initiator.confirm']));
  check('safety.code (initiator)', run.aliceSession.safetyCode, x['safety.code']);
  check('safety.code (responder)', run.bobSession.safetyCode, x['safety.code']);
  if (x['safety.number']) {
    const spaced = (text) => text.replace(/\s+/g, ' ').trim();
    check('safety.number', spaced(await safetyNumber(A, alice.publicKey, B, bob.publicKey)), spaced(x['safety.number']));
  }
  await staticSession(x);

  const tampered2 = hs.parseResponse(parseEnvelope(responseFrame).body);
  const downgraded = await Initiator.start(ctx(A, B, alice, suites), aliceShares);
  await throws('an offer changed on the way (the echo differs) is a downgrade attempt', () => downgraded.receive({ ...tampered2, offer: [tampered2.offer[1]] }), HandshakeError);
  const none = await Responder.accept(ctx(B, A, bob, [findSuite('p256-aesgcm')]), hs.parseInit(parseEnvelope(initFrame).body)).catch((e) => e);
  check('no suite in common: REJECT reason 1 with the accepted suites', `${none.reject?.reason} ${none.reject?.suites}`, '1 P256_HKDF-SHA256_AES-256-GCM');
  for (let n = 0; n < initFrame.length; n++) {
    if (n === 0) continue;
    let rejected = false;
    try {
      const env = parseEnvelope(initFrame.subarray(0, n));
      hs.parseInit(env.body);
    } catch (e) {
      rejected = e instanceof MalformedFrame;
    }
    if (!rejected) {
      results.push(`FAIL truncated INIT of ${n} bytes was accepted`);
      return;
    }
  }
  results.push(`ok   every truncation of frame.init is malformed (${initFrame.length - 1} prefixes)`);
}

/** The same handshake for a static session (§8.1): the transcript binds 'static', and the session keys differ. */
async function staticSession(x) {
  const run = await handshake(x, 'static');
  const { A, B, room, aliceSession, bobSession } = run;
  check('static: INIT ends with session type 0', hex(run.initFrame.subarray(-1)), '00');
  check('static: another handshake hash, so another safety code', aliceSession.safetyCode !== x['safety.code'], true);
  check('static: both sides have the same safety code', aliceSession.safetyCode, bobSession.safetyCode);
  const plaintext = encodeMessage(1, 1n, 'Hello Bob!');
  const dataFrame = await aliceSession.seal(plaintext);
  const header = encodeEnvelope(FrameType.DATA, A, B, room, new Uint8Array(8));
  check('static: DATA = header || u64 counter 0 || ciphertext and tag', hex(dataFrame.subarray(0, header.length)), hex(header));
  const opened = await bobSession.open(parseEnvelope(dataFrame), dataFrame);
  check('static: Bob reads Alice\'s message', parsePayload(opened.plaintext).text, 'Hello Bob!');
  const keys = run.traced[A].find((t) => t.step === 'keys').values;
  check('static: nonce = i2r iv XOR counter', hex(nonceFor(keys['i2r iv'], 1n).subarray(0, 11)), hex(keys['i2r iv'].subarray(0, 11)));
  await throws('static: a replayed DATA frame is rejected', () => bobSession.open(parseEnvelope(dataFrame), dataFrame), Rejected);
  const tampered = Uint8Array.from(await aliceSession.seal(plaintext));
  tampered[tampered.length - 20] ^= 1;
  await throws('static: a tampered DATA frame is rejected', () => bobSession.open(parseEnvelope(tampered), tampered), Rejected);
  const reply = await bobSession.seal(encodeMessage(1, 2n, 'Hi Alice!'));
  check('static: Alice reads Bob\'s answer', parsePayload((await aliceSession.open(parseEnvelope(reply), reply)).plaintext).text, 'Hi Alice!');

  const mismatch = await Responder.accept(run.ctx(B, A, run.bob, run.suites, 'ratchet'), hs.parseInit(parseEnvelope(run.initFrame).body))
    .then(() => null, (e) => e);
  check('static INIT to a ratchet responder: no session', mismatch instanceof HandshakeError, true);
  check('static INIT to a ratchet responder: REJECT reason 4', mismatch?.reject?.reason, hs.Reject.SESSION_MISMATCH);
  const bad = Uint8Array.from(run.initFrame);
  bad[bad.length - 1] = 2;
  await throws('an INIT with session type 2 is malformed', async () => hs.parseInit(parseEnvelope(bad).body), MalformedFrame);
}

async function otherChecks() {
  await throws('X25519: the all-zero (low-order) public key is refused', async () => (await x25519.generate()).finish(new Uint8Array(32)), InvalidKey);
  await throws('X25519: a 31-byte key is refused', () => x25519.respond(new Uint8Array(31)), InvalidKey);
  await throws('P-256: a point off the curve is refused', () => p256.respond(concat(Uint8Array.of(4), new Uint8Array(64).fill(1))), InvalidKey);
  await throws('P-256: a compressed point is refused', () => p256.respond(concat(Uint8Array.of(2), new Uint8Array(32).fill(1))), InvalidKey);
  const badEk = new Uint8Array(mlkem.publicKeyLength).fill(0xff);
  await throws('ML-KEM-768: an encapsulation key with coefficients >= q is refused', async () => mlkem.respond(badEk), InvalidKey);
  const i = await hybrid.generate();
  check('X25519MLKEM768 public key is 1216 bytes', i.publicBytes.length, 1216);
  const r = await hybrid.respond(i.publicBytes);
  check('X25519MLKEM768 response is 1120 bytes', r.message.length, 1120);
  check('X25519MLKEM768 both sides get the same 64-byte secret', hex(await i.finish(r.message)), hex(r.secret));
  await throws('chat text that is not UTF-8 is malformed', async () => parsePayload(concat(encodeMessage(1, 5n, ''), Uint8Array.of(0xc3, 0x28))), MalformedFrame);
  check('a name with a space is refused', nameProblem('name', 'a b') !== null, true);
  check('a name of 33 bytes is refused', nameProblem('name', 'x'.repeat(33)) !== null, true);
  check('a name with a slash is refused', nameProblem('name', 'a/b') !== null, true);
  check('a plain name is fine', nameProblem('name', 'Zoë'), null);
  check('utf8 round trip', hex(utf8('é')), 'c3a9');
}

window.runUnitTests = async (example) => {
  try {
    await workedExample(example);
    await otherChecks();
  } catch (e) {
    results.push(`FAIL unexpected error: ${e?.stack ?? e}`);
  }
  document.querySelector('#results').textContent = results.join('\n');
  return results;
};
