// Message ids already shown, per sender: a message resent after a reconnect is shown once.
const MAX_PER_SENDER = 10000;

export class SeenMessages {
  constructor() {
    this.bySender = new Map();
  }

  firstTime(sender, id) {
    let ids = this.bySender.get(sender);
    if (!ids) this.bySender.set(sender, (ids = new Set()));
    if (ids.has(id)) return false;
    ids.add(id);
    if (ids.size > MAX_PER_SENDER) ids.delete(ids.values().next().value);
    return true;
  }
}
