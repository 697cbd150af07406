package dev.blindrelay.client;

/** What {@link ChatClient#trust} did. */
public enum TrustOutcome {
    /** No session with that member, so no key to trust. */
    NO_SESSION,
    /** The key had not changed: nothing was done (a verified key stays verified). */
    UNCHANGED,
    /** The changed key is now pinned, and the messages held for that member were sent. */
    ACCEPTED
}
