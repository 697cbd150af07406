// One chain of the symmetric ratchet: its epoch, its key and the number of its next message. Each step
// overwrites the chain key, so a message key used and erased cannot be computed again.
export class SymmetricChain {
  constructor(kdf, epoch, key, next = 0) {
    Object.assign(this, { kdf, epoch, key, next });
  }

  /** The next message's key (the caller erases it); the chain moves on by one. */
  async nextMessageKey() {
    const { chainKey, messageKey } = await this.kdf.chainStep(this.key);
    this.key.fill(0);
    this.key = chainKey;
    this.next++;
    return messageKey;
  }

  copy() {
    return new SymmetricChain(this.kdf, this.epoch, Uint8Array.from(this.key), this.next);
  }

  destroy() {
    this.key.fill(0);
  }
}
