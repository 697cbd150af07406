package dev.blindrelay.client;

import dev.blindrelay.handshake.HandshakeContext;
import dev.blindrelay.handshake.SpareKeyShares;
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
 * interface, the way out to the relay (whichever connection is live), and key shares made ahead of time.
 */
record ClientContext(ClientSettings settings, SuitePreference suites, IdentityKeyPair identity, KnownPeers knownPeers,
                     ChatListener listener, Tracer tracer, SeenMessages seen, Consumer<byte[]> relay,
                     Deadlines deadlines, SpareKeyShares spares) {

    /** Runs a task later (on the connection's thread, or the client's timer) under the client's lock, unless closed. */
    interface Deadlines {
        void after(Duration delay, Runnable task);
    }

    HandshakeContext handshake(String peer) {
        return new HandshakeContext(suites, identity, settings.name(), peer, settings.room(), tracer,
                settings.session());
    }

    /** While our JOIN travels: a share for each key agreement we offer, for the INIT we send after WELCOME. */
    void prepareInitiatorShares() {
        suites.suites().forEach(suite -> spares.prepareInitiator(suite.keyAgreement()));
    }

    /** A member joined, whose INIT follows: our share for the answer, with the key agreement we prefer. */
    void prepareResponseShare() {
        spares.prepareResponse(suites.suites().get(0).keyAgreement());
    }

    /** Sends a peer-to-peer frame from us to {@code peer} in our room. */
    void sendTo(String peer, FrameType type, byte[] body) {
        relay.accept(new Envelope(type, settings.name(), peer, settings.room(), body).encode());
    }
}
