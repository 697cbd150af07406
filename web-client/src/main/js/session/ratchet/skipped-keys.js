// Keys of messages that have not arrived (dropped or delayed by the relay), by (epoch, n), at most
// `capacity` of them: past that the oldest is erased. A key is erased when its message opens, so a
// message opens once and a replay finds nothing.
export const MAX_SKIPPED = 1000;

const id = (epoch, n) => `${epoch}:${n}`;

export class SkippedKeys {
  constructor(capacity = MAX_SKIPPED) {
    this.capacity = capacity;
    this.keys = new Map(); // insertion order is age order
  }

  /** Keeps key (the store owns it from now on), erasing the oldest when full. */
  put(epoch, n, key) {
    this.keys.get(id(epoch, n))?.fill(0);
    this.keys.set(id(epoch, n), key);
    for (const [oldest, value] of this.keys) {
      if (this.keys.size <= this.capacity) break;
      value.fill(0);
      this.keys.delete(oldest);
    }
  }

  /** A copy of that message's key, still kept, or null. */
  copyOf(epoch, n) {
    const key = this.keys.get(id(epoch, n));
    return key ? Uint8Array.from(key) : null;
  }

  /** Its message opened: erase it. */
  erase(epoch, n) {
    this.keys.get(id(epoch, n))?.fill(0);
    this.keys.delete(id(epoch, n));
  }

  get size() {
    return this.keys.size;
  }

  destroy() {
    for (const key of this.keys.values()) key.fill(0);
    this.keys.clear();
  }
}
