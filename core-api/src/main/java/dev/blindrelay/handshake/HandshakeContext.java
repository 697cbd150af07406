package dev.blindrelay.handshake;

import dev.blindrelay.identity.IdentityKeyPair;
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
 */
public record HandshakeContext(SuitePreference suites, IdentityKeyPair identity, String self, String peer,
                               String room, Tracer tracer) {

    /** A side that accepts exactly one suite. */
    public HandshakeContext(CipherSuite suite, IdentityKeyPair identity, String self, String peer, String room,
                            Tracer tracer) {
        this(SuitePreference.of(suite), identity, self, peer, room, tracer);
    }

    /** This side's suites for a REJECT's suites field. */
    String suitesForReject() {
        return HandshakeReject.suites(suites.ids());
    }
}
