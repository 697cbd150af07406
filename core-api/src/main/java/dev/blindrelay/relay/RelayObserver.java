package dev.blindrelay.relay;

import dev.blindrelay.wire.EnvelopeHeader;

/**
 * What the relay does, for {@code --verbose} logs, the demo's "what the relay saw", and tests.
 * Called on transport threads; implementations must be quick and thread-safe. The relay never has
 * plaintext to report: forwarded frames are ciphertext or public handshake values.
 */
public interface RelayObserver {

    RelayObserver NONE = new RelayObserver() {
    };

    /** A peer-to-peer frame was forwarded unchanged. {@code frame} must not be modified. */
    default void forwarded(EnvelopeHeader header, byte[] frame) {
    }

    default void joined(String room, String name, String link) {
    }

    default void left(String room, String name, String link) {
    }

    /** A connection was refused or closed by the relay, with the reason sent to it. */
    default void refused(String link, String reason) {
    }
}
