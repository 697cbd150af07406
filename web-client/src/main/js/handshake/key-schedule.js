// The key schedule (PROTOCOL.md §7): PRK = HKDF-Extract(h1, shared secret); every output is
// HKDF-Expand(PRK, "BlindRelay/2 " || suite || " " || label [|| hash], length). A static session takes a
// key and base IV per direction from it, a ratchet its root key and first chain key per direction.
import { ascii, concat } from '../wire/bytes.js';
import { PROTOCOL_NAME } from './transcript.js';

/** info(label) = "BlindRelay/2 " || suite id || " " || label: every label is bound to the version and the suite. */
export const info = (suite, label) => ascii(`${PROTOCOL_NAME} ${suite.id} ${label}`);

export class KeySchedule {
  static async create(suite, h1, sharedSecret, trace) {
    const ks = new KeySchedule(suite, h1, await suite.kdf.importIkm(sharedSecret));
    if (trace) {
      trace('hkdf-extract', 'PRK = HKDF-Extract(salt = h1, IKM = shared secret): the keys depend on the whole transcript',
        { prk: await suite.kdf.extract(h1, sharedSecret) });
    }
    sharedSecret.fill(0);
    return ks;
  }

  constructor(suite, h1, ikmKey) {
    this.suite = suite;
    this.h1 = h1;
    this.ikmKey = ikmKey;
  }

  info(label) {
    return info(this.suite, label);
  }

  expand(label, length, extra = new Uint8Array(0)) {
    return this.suite.kdf.derive(this.ikmKey, this.h1, concat(this.info(label), extra), length);
  }

  confirmation(label, hash) {
    return this.expand(label, 32, hash);
  }

  async directionKeys() {
    const { keyLength, nonceLength } = this.suite.aead;
    return {
      i2rKey: await this.expand('i2r key', keyLength),
      i2rIv: await this.expand('i2r iv', nonceLength),
      r2iKey: await this.expand('r2i key', keyLength),
      r2iIv: await this.expand('r2i iv', nonceLength),
    };
  }

  async ratchetKeys() {
    const { hashLength } = this.suite.kdf;
    return {
      rootKey: await this.expand('root key', hashLength),
      i2rChainKey: await this.expand('i2r chain key', hashLength),
      r2iChainKey: await this.expand('r2i chain key', hashLength),
    };
  }

  destroy() {
    this.ikmKey = null; // a non-extractable CryptoKey: dropping it is all script can do
  }
}
