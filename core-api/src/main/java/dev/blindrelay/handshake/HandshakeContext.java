package dev.blindrelay.handshake;

import dev.blindrelay.identity.IdentityKeyPair;
import dev.blindrelay.session.SessionOptions;
import dev.blindrelay.suite.CipherSuite;
import dev.blindrelay.suite.SuitePreference;
import dev.blindrelay.trace.Tracer;

/**
 * Everything one side brings to a handshake with one peer.
 *
 * @param suites   the suites this side accepts, most preferred first: what it offers as initiator, and what
 *                 it chooses from as responder
 * @param identity this side's long-term signing key
 * @param self     this side's name
 * @param peer     the peer's name, as the relay announced it
 * @param room     the room both are in
 * @param tracer   the teaching trace, {@link Tracer#NONE} unless asked for
 * @param session  the kind of session this side makes (both sides must agree) and its ratchet's limits
 */
public record HandshakeContext(SuitePreference suites, IdentityKeyPair identity, String self, String peer,
                               String room, Tracer tracer, SessionOptions session) {

    /** A ratcheting session with the default limits. */
    public HandshakeContext(SuitePreference suites, IdentityKeyPair identity, String self, String peer, String room,
                            Tracer tracer) {
        this(suites, identity, self, peer, room, tracer, SessionOptions.defaults());
    }

    /** A side that accepts exactly one suite, and ratchets. */
    public HandshakeContext(CipherSuite suite, IdentityKeyPair identity, String self, String peer, String room,
                            Tracer tracer) {
        this(SuitePreference.of(suite), identity, self, peer, room, tracer);
    }

    /** A side that accepts exactly one suite. */
    public HandshakeContext(CipherSuite suite, IdentityKeyPair identity, String self, String peer, String room,
                            Tracer tracer, SessionOptions session) {
        this(SuitePreference.of(suite), identity, self, peer, room, tracer, session);
    }

    /** This side's suites for a REJECT's suites field. */
    String suitesForReject() {
        return HandshakeReject.suites(suites.ids());
    }
}
