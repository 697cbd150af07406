// The browser client's unit tests, run in Chromium by browser-tests (JavaScriptUnitTest), which
// passes in the worked example of docs/PROTOCOL.md §12, read from the document itself: a handshake
// version 2 negotiation that picks the X25519MLKEM768 hybrid. The example is recomputed byte for byte
// with this page's WebCrypto and @noble code: the same modules the client runs.
import { MalformedFrame, concat, fromHex, hex, utf8 } from '../../main/js/wire/bytes.js';
import { FrameType, encodeEnvelope, parseEnvelope } from '../../main/js/wire/envelope.js';
import * as hs from '../../main/js/wire/handshake-messages.js';
import { encodeMessage, parsePayload } from '../../main/js/wire/chat-payload.js';
import { nameProblem } from '../../main/js/wire/names.js';
import { SUITES, findSuite } from '../../main/js/crypto/suites.js';
import * as p256 from '../../main/js/crypto/p256.js';
import { HandshakeError } from '../../main/js/handshake/handshake-error.js';
import * as x25519 from '../../main/js/crypto/x25519.js';
import * as mlkem from '../../main/js/crypto/ml-kem-768.js';
import * as hybrid from '../../main/js/crypto/x25519-mlkem768.js';
import { generateIdentity, identityFromSeed } from '../../main/js/crypto/ed25519.js';
import { expand, extractAndExpand } from '../../main/js/crypto/hkdf-sha256.js';
import { subtle } from '../../main/js/crypto/webcrypto.js';
import { parseRatchetHeader } from '../../main/js/session/ratchet/ratchet-header.js';
import { InvalidKey } from '../../main/js/crypto/invalid-key.js';
import { Initiator, Responder } from '../../main/js/handshake/handshake.js';
import { safetyNumber } from '../../main/js/handshake/safety.js';
import { nonceFor } from '../../main/js/session/static-session.js';
import { Rejected } from '../../main/js/session/rejected.js';

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
  // The ratchet's steps (§12, messages 1-3): the shares from the documented private keys, in the order
  // the sessions generate them; Bob's and Alice's answers are the documented responses with their secrets
  // (the encapsulation randomness is not in the example; the receiver's finish recomputes each secret).
  const answers = [async (initiatorPublic) => ({
    message: bobMessage,
    secret: concat(fromHex(x['shared.secret.mlkem768']), await bobX25519.finish(initiatorPublic.subarray(1184))),
  })];
  const shares = [];
  for (const [n, owner] of [[1, 'alice'], [2, 'bob'], [3, 'alice']]) {
    const key = `${owner}.share.${n}.private`;
    if (!x[key]) continue;
    shares.push(async () => hybridShare(fromHex(x[key])));
    if (n > 1) answers.push(async () => ({ message: ratchetFields(x, n).response, secret: fromHex(x[`step.${n}.secret`]) }));
  }
  const ka = (base) => ({
    ...base,
    respond: async (peerShare) => (answers.length ? answers.shift()(peerShare) : Promise.reject(new Error('the example has no more answers'))),
    generate: async () => (shares.length ? shares.shift()() : Promise.reject(new Error('the example has no more shares'))),
  });
  const suites = offer.map((id) => {
    const base = findSuite(id);
    return base.ka.id === 'X25519MLKEM768' ? { ...base, ka: ka(base.ka) } : base;
  });
  return { suites, aliceShares };
}

/** A hybrid share from its documented private key (ML-KEM seed d || z, X25519 private), its public value recomputed. */
async function hybridShare(privateKey) {
  const mlkemPublic = mlkem.generate(privateKey.subarray(0, 64)).publicBytes;
  return hybrid.generate({ private: privateKey, public: concat(mlkemPublic, await x25519PublicOf(privateKey.subarray(64))) });
}

async function x25519PublicOf(privateKey) {
  const pkcs8 = new Uint8Array([0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x6e, 0x04, 0x22, 0x04, 0x20, ...privateKey]);
  const jwk = await subtle().exportKey('jwk', await subtle().importKey('pkcs8', pkcs8, { name: 'X25519' }, true, ['deriveBits']));
  return Uint8Array.from(atob(jwk.x.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));
}

/** The ratchet fields of the example's message n, read from its frame. */
function ratchetFields(x, n) {
  const frame = fromHex(x[`message.${n}.frame`]);
  const env = parseEnvelope(frame);
  return parseRatchetHeader(frame.subarray(env.bodyOffset), 'example').fields;
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
    suites: accepted, session: kind, room, self, peer, identity, traceSecrets: true,
    ratchet: { stepIntervalMs: 24 * 3600 * 1000 }, // as the example's sessions: a step at most once a day
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
  await ratchetMessages(x, run);
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

/** §12's four ratchet messages: Alice, Bob's step, Alice's step, Bob again; each sealed and opened. */
async function ratchetMessages(x, run) {
  const { A, B, traced } = run;
  const sides = { [A]: run.aliceSession, [B]: run.bobSession };
  const order = [[1, A, B], [2, B, A], [3, A, B], [4, B, A]];
  const last = (who, step) => traced[who].filter((t) => t.step === step).at(-1)?.values;
  const frames = [];
  for (const [n, from, to] of order) {
    const m = `message.${n}`;
    if (!x[`${m}.frame`]) {
      results.push(`FAIL the example has no ${m}`);
      return;
    }
    const plaintext = encodeMessage(1, BigInt(n), x[`${m}.text`]);
    check(`${m}.plaintext`, plaintext, fromHex(x[`${m}.plaintext`]));
    const frame = await sides[from].seal(plaintext);
    frames.push(frame);
    const sealed = last(from, 'seal');
    check(`${m}.chain.key`, sealed['chain key'], fromHex(x[`${m}.chain.key`]));
    check(`${m}.message.key`, sealed['message key'], fromHex(x[`${m}.message.key`]));
    check(`${m}.nonce`, sealed.nonce, fromHex(x[`${m}.nonce`]));
    if (x[`step.${n}.secret`]) {
      const step = last(from, 'ratchet-step');
      check(`step.${n}.root.key (${from} steps)`, step['root key'], fromHex(x[`step.${n}.root.key`]));
      check(`step.${n}.chain.key (${from} steps)`, step['chain key'], fromHex(x[`step.${n}.chain.key`]));
    }
    check(`${m}.frame`, frame, fromHex(x[`${m}.frame`]));
    const opened = await sides[to].open(parseEnvelope(frame), frame);
    check(`${m}: ${to} reads it`, parsePayload(opened.plaintext).text, x[`${m}.text`]);
    if (x[`step.${n}.secret`]) {
      const received = last(to, 'ratchet-step-received');
      check(`step.${n}.secret (${to} recomputes it with finish)`, received.secret, fromHex(x[`step.${n}.secret`]));
      check(`step.${n}.root.key (${to})`, received['root key'], fromHex(x[`step.${n}.root.key`]));
    }
  }
  await throws('ratchet: a replayed message is rejected', () => run.bobSession.open(parseEnvelope(frames[0]), frames[0]), Rejected);
  const tampered = Uint8Array.from(await run.aliceSession.seal(encodeMessage(1, 5n, 'tamper me')));
  tampered[tampered.length - 20] ^= 1;
  await throws('ratchet: a tampered message is rejected', () => run.bobSession.open(parseEnvelope(tampered), tampered), Rejected);
}

/** A real handshake and ratchet between two fresh identities over one suite (no fixed keys). */
async function ratchetPair(suite, ratchet = { stepIntervalMs: 0 }) {
  const [alice, bob] = [await generateIdentity(), await generateIdentity()];
  const ctx = (self, peer, identity) => ({ suites: [suite], session: 'ratchet', room: 'lab', self, peer, identity, ratchet });
  const initiator = await Initiator.start(ctx('Alice', 'Bob', alice));
  const responder = await Responder.accept(ctx('Bob', 'Alice', bob), hs.parseInit(hs.encodeInit(initiator.init)));
  const { finish, session: a } = await initiator.receive(hs.parseResponse(hs.encodeResponse(responder.response)));
  const b = await responder.finish(hs.parseFinish(hs.encodeFinish(finish)));
  return { a, b };
}

const textOf = async (to, frame) => parsePayload((await to.open(parseEnvelope(frame), frame)).plaintext).text;
const sealText = (from, text) => from.seal(encodeMessage(1, 1n, text));

/** Several turns both ways for every suite, with drops, reordering, replays and forgeries while steps are in flight. */
async function ratchetEverySuite() {
  for (const suite of SUITES) {
    const tag = `ratchet ${suite.alias}`;
    const { a, b } = await ratchetPair(suite);
    let ok = true;
    for (let turn = 0; turn < 4; turn++) {
      const [from, to] = turn % 2 === 0 ? [a, b] : [b, a];
      const sent = [];
      for (let i = 0; i < 3; i++) sent.push(await sealText(from, `turn ${turn} message ${i}`));
      // the relay holds the first message of the turn back and delivers it last
      ok &&= await textOf(to, sent[1]) === `turn ${turn} message 1`;
      ok &&= await textOf(to, sent[2]) === `turn ${turn} message 2`;
      const late = await to.open(parseEnvelope(sent[0]), sent[0]);
      ok &&= late.late === true && parsePayload(late.plaintext).text === `turn ${turn} message 0`;
      await throws(`${tag}: turn ${turn}, a late message opens once`, () => to.open(parseEnvelope(sent[0]), sent[0]), Rejected);
    }
    check(`${tag}: 4 turns, every message read (drops and reordering within the bound)`, ok, true);
    check(`${tag}: a step at every turn (epochs ${a.sending.epoch} and ${b.sending.epoch})`, a.sending.epoch === 3 && b.sending.epoch === 4, true);

    // a message held back while both sides step twice more: its key was kept
    const before = await sealText(a, 'before the turn');
    await textOf(b, await sealText(a, 'carried'));
    await textOf(a, await sealText(b, 'the turn'));
    await textOf(b, await sealText(a, 'after the turn'));
    check(`${tag}: a message held back across two steps opens from its kept key`, await textOf(b, before), 'before the turn');

    // forged headers change nothing
    const genuine = await sealText(b, 'genuine');
    const forged = Uint8Array.from(genuine);
    const at = parseEnvelope(forged).bodyOffset;
    const view = new DataView(forged.buffer);
    const epoch = view.getUint32(at);
    view.setUint32(at, epoch + 2);
    await throws(`${tag}: an epoch that does not answer our share is rejected as forged`, () => a.open(parseEnvelope(forged), forged), Rejected);
    view.setUint32(at, epoch + 1);
    await throws(`${tag}: an epoch of the wrong side is rejected as forged`, () => a.open(parseEnvelope(forged), forged), Rejected);
    view.setUint32(at, epoch);
    view.setUint32(at + 4, 5000);
    const tooFar = await a.open(parseEnvelope(forged), forged).then(() => null, (e) => e);
    check(`${tag}: a message 5000 ahead of its chain is refused`, tooFar?.kind, 'too-far');
    check(`${tag}: after the forgeries the genuine message opens`, await textOf(a, genuine), 'genuine');
    a.destroy();
    b.destroy();
    check(`${tag}: destroy erases the root keys`, a.rootKey.every((v) => v === 0) && b.rootKey.every((v) => v === 0), true);
  }
}

/** The bound on kept keys (§8.2, 1000 by default; 3 here): beyond it a message is refused, the oldest kept key goes first. */
async function skippedKeyBound() {
  const { a, b } = await ratchetPair(SUITES[0], { stepIntervalMs: 0, maxSkipped: 3 });
  const sent = [];
  for (let i = 0; i < 9; i++) sent.push(await sealText(a, `m${i}`));
  const refused = await b.open(parseEnvelope(sent[4]), sent[4]).then(() => null, (e) => e);
  check('bound: a message 4 ahead with 3 keys kept at most is refused', refused?.kind, 'too-far');
  const third = await b.open(parseEnvelope(sent[3]), sent[3]);
  check('bound: a message 3 ahead opens, 3 messages missing', `${parsePayload(third.plaintext).text} ${third.missed}`, 'm3 3');
  check('bound: 3 keys kept', b.skipped.size, 3);
  await textOf(b, sent[7]); // keeps m4..m6: the oldest (m0..m2) are erased
  check('bound: still 3 keys kept', b.skipped.size, 3);
  await throws('bound: the oldest kept key was erased: its message is refused', () => b.open(parseEnvelope(sent[0]), sent[0]), Rejected);
  check('bound: a newer kept key still opens its message', await textOf(b, sent[5]), 'm5');
  check('bound: a kept key is erased once used', b.skipped.size, 2);
}

/** HKDF over WebCrypto, and HKDF-Expand over WebCrypto's HMAC (the chain step), against RFC 5869 test case 1. */
async function hkdfExpandAgrees() {
  const salt = fromHex('000102030405060708090a0b0c');
  const ikm = fromHex('0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b');
  const info = fromHex('f0f1f2f3f4f5f6f7f8f9');
  const okm = '3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865';
  check('HKDF-SHA256 (WebCrypto), RFC 5869 test case 1', await extractAndExpand(salt, ikm, info, 42), okm);
  const prk = fromHex('077709362c2e32df0ddc3f0dc47bba6390b6c73bb50f9c3122ec844ad7c2b3e5');
  check('HKDF-Expand over HMAC, RFC 5869 test case 1', await expand(prk, info, 42), okm);
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
    await hkdfExpandAgrees();
    await ratchetEverySuite();
    await skippedKeyBound();
    await otherChecks();
  } catch (e) {
    results.push(`FAIL unexpected error: ${e?.stack ?? e}`);
  }
  document.querySelector('#results').textContent = results.join('\n');
  return results;
};
