// The last 4096 (sender, message id) pairs seen (PROTOCOL.md §8): a message that its sender marked as
// sent again after a reconnect is shown only if its id is not among them.
const CAPACITY = 4096;

export class SeenMessages {
  constructor() {
    this.pairs = new Set();
  }

  /** Records the pair; true the first time. */
  firstTime(sender, id) {
    const key = `${sender}\u0000${id}`;
    if (this.pairs.has(key)) return false;
    this.pairs.add(key);
    if (this.pairs.size > CAPACITY) this.pairs.delete(this.pairs.values().next().value);
    return true;
  }
}
