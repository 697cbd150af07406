// What a session refuses to open (PROTOCOL.md §9): the peer shows a warning and the chat goes on.
export class Rejected extends Error {
  /** kind: 'replay' | 'tampered' | 'foreign' | 'too-far' */
  constructor(kind, message) {
    super(message);
    this.kind = kind;
  }
}

/** A frame for another session (reflected, re-addressed): refused before any key is touched. */
export function requireOurs(session, envelope) {
  if (envelope.sender !== session.peer || envelope.recipient !== session.self || envelope.room !== session.room) {
    throw new Rejected('foreign', `frame from ${envelope.sender} to ${envelope.recipient} does not belong to the session ${session.peer} -> ${session.self}`);
  }
}
