// HANDSHAKE_INIT, _RESPONSE, _FINISH and _REJECT bodies (PROTOCOL.md §5), handshake version 2: the
// initiator offers a list of suites with one key share per key agreement, the responder chooses.
import { MalformedFrame, Reader, bytes16, bytes8, concat, str8, u8, fromUtf8 } from './bytes.js';

export const HANDSHAKE_VERSION = 0x02;
export const MAX_OFFER = 16;
export const Reject = Object.freeze({ NO_COMMON_SUITE: 1, VERSION_MISMATCH: 2, INVALID: 3, SESSION_MISMATCH: 4 });

/** The session type at the end of INIT's offer (§5): its id is what the transcript binds (§6). */
export const SessionType = Object.freeze({ ratchet: 1, static: 0 });
export const sessionTypeOf = (code) => Object.keys(SessionType).find((id) => SessionType[id] === code);

/** A suite id: <KA>_<KDF>_<AEAD>, each upper-case letters, digits and inner dashes (§11). */
const SUITE_ID = /^[A-Z0-9]+(-[A-Z0-9]+)*_[A-Z0-9]+(-[A-Z0-9]+)*_[A-Z0-9]+(-[A-Z0-9]+)*$/;
export const keyAgreementOf = (suiteId) => suiteId.split('_')[0];

/** The offer as INIT carries it and the transcript absorbs it: u8 n || n × str8 suite id. */
export const encodeOffer = (offer) => concat(u8(offer.length), ...offer.map((id) => str8(id, 'suite id')));

/** The key agreements of an offer, each once, in the order each first appears. */
export const keyAgreementsOf = (offer) => [...new Set(offer.map(keyAgreementOf))];

function readOffer(r, what) {
  const n = r.u8(`${what} count`);
  if (n < 1 || n > MAX_OFFER) throw new MalformedFrame(`${what} of ${n} suites (1 to ${MAX_OFFER})`);
  const offer = [];
  for (let i = 0; i < n; i++) {
    const id = r.str8('suite id');
    if (!SUITE_ID.test(id)) throw new MalformedFrame(`'${id}' is not a suite id`);
    if (offer.includes(id)) throw new MalformedFrame(`suite ${id} offered twice`);
    offer.push(id);
  }
  return offer;
}

/** init: { offer: [suite ids], identity, shares: [{ka, publicKey}], session: 'ratchet' | 'static' } */
export function encodeInit({ offer, identity, shares, session }) {
  const inner = concat(encodeOffer(offer), u8(shares.length),
    ...shares.map(({ ka, publicKey }) => concat(str8(ka, 'key agreement id'), bytes16(publicKey))), u8(SessionType[session]));
  return concat(u8(HANDSHAKE_VERSION), str8(offer[0], 'suite id'), bytes16(identity), bytes16(inner));
}

/** Call after the version byte was read and is ours (PeerHandshake does). */
export function parseInit(body) {
  const r = new Reader(body);
  const version = r.u8('handshake version');
  const first = r.str8('suite id');
  const identity = r.bytes16('identity key');
  const inner = new Reader(r.bytes16('offer and key shares'));
  r.expectEnd('HANDSHAKE_INIT');
  const offer = readOffer(inner, 'offer');
  if (first !== offer[0]) throw new MalformedFrame(`INIT names ${first} but its offer starts with ${offer[0]}`);
  const expected = keyAgreementsOf(offer);
  const count = inner.u8('key share count');
  if (count !== expected.length) {
    throw new MalformedFrame(`the offer needs ${expected.length} key share(s), one per key agreement, but INIT has ${count}`);
  }
  const shares = expected.map((ka) => {
    const id = inner.str8('key agreement id');
    if (id !== ka) throw new MalformedFrame(`key share for ${id} where the offer calls for ${ka}`);
    const publicKey = inner.bytes16('key share');
    if (publicKey.length === 0) throw new MalformedFrame(`empty key share for ${id}`);
    return { ka, publicKey };
  });
  const code = inner.u8('session type');
  const session = sessionTypeOf(code);
  if (session === undefined) throw new MalformedFrame(`session type ${code} is neither 1 (ratchet) nor 0 (static)`);
  inner.expectEnd('offer, key shares and session type');
  return { version, offer, identity, shares, session };
}

export function encodeResponse({ suite, offer, identity, ephemeral, signature, confirmation }) {
  return concat(u8(HANDSHAKE_VERSION), str8(suite, 'suite'), encodeOffer(offer), bytes16(identity), bytes16(ephemeral),
    bytes16(signature), bytes8(confirmation));
}

export function parseResponse(body) {
  const r = new Reader(body);
  const msg = {
    version: r.u8('handshake version'), suite: r.str8('suite id'), offer: readOffer(r, 'offer received'),
    identity: r.bytes16('identity key'), ephemeral: r.bytes16('ephemeral message'), signature: r.bytes16('signature'),
    confirmation: r.bytes8('confirmation'),
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

/** The suites field of a REJECT: whole ids, comma-separated, as many as fit in 255 bytes. */
export function suiteList(ids) {
  let out = '';
  for (const id of ids) {
    const next = out ? `${out},${id}` : id;
    if (next.length > 255) break;
    out = next;
  }
  return out;
}

/** reject: { reason, suites: 'ID,ID', message } */
export const encodeReject = ({ reason, suites, message }) =>
  concat(u8(reason), str8(suites, 'suites'), bytes16(new TextEncoder().encode(message)));

export function parseReject(body) {
  const r = new Reader(body);
  const msg = { reason: r.u8('reason'), suites: r.str8('suites'), message: fromUtf8(r.bytes16('explanation'), 'explanation') };
  r.expectEnd('HANDSHAKE_REJECT');
  return msg;
}
