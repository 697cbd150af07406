/** A failed handshake; `reject` (if set) is the HANDSHAKE_REJECT to send back. */
export class HandshakeError extends Error {
  constructor(message, reject = null) {
    super(message);
    this.reject = reject;
  }
}
