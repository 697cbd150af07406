// Pinned identity keys, trust on first use (as the terminal's known_peers): a pin is replaced only
// when the user accepts a changed key. Stored per own name, so two names in one browser stay apart.
import { equalBytes } from '../wire/bytes.js';
import * as db from './database.js';

export const Trust = Object.freeze({ PINNED_NOW: 'pinned-now', MATCHES: 'matches', VERIFIED: 'verified', MISMATCH: 'mismatch' });

export class KnownPeers {
  constructor(owner) {
    this.owner = owner;
  }

  key(peer) {
    return `${this.owner}\u0000${peer}`;
  }

  /** Compares the key with the pin, pinning it on first contact. */
  async check(peer, identityKey) {
    const pin = await db.get('pins', this.key(peer));
    if (!pin) {
      await db.put('pins', this.key(peer), { key: identityKey, verified: false, firstSeen: new Date().toISOString() });
      return Trust.PINNED_NOW;
    }
    if (!equalBytes(pin.key, identityKey)) return Trust.MISMATCH;
    return pin.verified ? Trust.VERIFIED : Trust.MATCHES;
  }

  /** The user accepted a changed key: it replaces the pin (not verified). */
  trust(peer, identityKey) {
    return db.put('pins', this.key(peer), { key: identityKey, verified: false, firstSeen: new Date().toISOString() });
  }

  markVerified(peer, identityKey) {
    return db.put('pins', this.key(peer), { key: identityKey, verified: true, firstSeen: new Date().toISOString() });
  }
}
