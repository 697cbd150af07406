package dev.blindrelay.handshake;

import dev.blindrelay.identity.IdentityKeyPair;
import dev.blindrelay.suite.CipherSuite;
import dev.blindrelay.trace.Tracer;

/**
 * Everything one side brings to a handshake with one peer.
 *
 * @param suite    the only suite this side accepts
 * @param identity this side's long-term signing key
 * @param self     this side's name
 * @param peer     the peer's name, as the relay announced it
 * @param room     the room both are in
 * @param tracer   the teaching trace, {@link Tracer#NONE} unless asked for
 */
public record HandshakeContext(CipherSuite suite, IdentityKeyPair identity, String self, String peer, String room,
                               Tracer tracer) {
}
