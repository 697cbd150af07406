package dev.blindrelay.client;

import dev.blindrelay.handshake.HandshakeContext;
import dev.blindrelay.identity.IdentityKeyPair;
import dev.blindrelay.identity.KnownPeers;
import dev.blindrelay.suite.SuitePreference;
import dev.blindrelay.trace.Tracer;
import dev.blindrelay.wire.Envelope;
import dev.blindrelay.wire.FrameType;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * What every {@link Peer} of one client shares: who we are, the suites we accept, the pinned keys, the user
 * interface, and the way out to the relay (whichever connection is live).
 */
record ClientContext(ClientSettings settings, SuitePreference suites, IdentityKeyPair identity, KnownPeers knownPeers,
                     ChatListener listener, Tracer tracer, SeenMessages seen, Consumer<byte[]> relay,
                     Deadlines deadlines) {

    /** Runs a task later, on the connection's thread or the client's timer thread, under the client's lock, unless it was closed. */
    interface Deadlines {
        void after(Duration delay, Runnable task);
    }

    HandshakeContext handshake(String peer) {
        return new HandshakeContext(suites, identity, settings.name(), peer, settings.room(), tracer,
                settings.session());
    }

    /** Sends a peer-to-peer frame from us to {@code peer} in our room. */
    void sendTo(String peer, FrameType type, byte[] body) {
        relay.accept(new Envelope(type, settings.name(), peer, settings.room(), body).encode());
    }
}
