// The ratchet's two derivations (PROTOCOL.md §8.2), with the suite's KDF and labels bound to the
// version and the suite like every label of the key schedule (§7):
//   chain step:  CK' || MK = HKDF-Expand(CK, info("chain step"), Hk + Nk)
//   root step:   RK' || CK = HKDF-Expand(HKDF-Extract(salt = RK, IKM = secret), info("root step"), 2 Hk)
import { info } from '../../handshake/key-schedule.js';

export class RatchetKdf {
  constructor(suite) {
    this.kdf = suite.kdf;
    this.hashLength = suite.kdf.hashLength;
    this.keyLength = suite.aead.keyLength;
    this.chainInfo = info(suite, 'chain step');
    this.rootInfo = info(suite, 'root step');
  }

  /** { chainKey, messageKey } from the chain key (which the caller erases). */
  async chainStep(chainKey) {
    const out = await this.kdf.expand(chainKey, this.chainInfo, this.hashLength + this.keyLength);
    return split(out, this.hashLength, 'chainKey', 'messageKey');
  }

  /** { rootKey, chainKey } from the root key and a new shared secret (both erased by the caller). */
  async rootStep(rootKey, secret) {
    const out = await this.kdf.extractAndExpand(rootKey, secret, this.rootInfo, 2 * this.hashLength);
    return split(out, this.hashLength, 'rootKey', 'chainKey');
  }
}

function split(out, at, first, second) {
  const parts = { [first]: out.slice(0, at), [second]: out.slice(at) };
  out.fill(0);
  return parts;
}
