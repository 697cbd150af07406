package dev.blindrelay.client;

import dev.blindrelay.identity.KnownPeers;

import java.util.List;

/**
 * What a chat client tells its user interface. Called on transport threads, one call at a time
 * per client; implementations print and return quickly.
 */
public interface ChatListener {

    /** A progress step, e.g. "Generating ECDH keys...". */
    default void status(String line) {
    }

    /** The relay accepted the join; {@code members} were already in the room. */
    default void joined(String room, List<String> members) {
    }

    default void peerJoined(String name) {
    }

    default void peerLeft(String name) {
    }

    /** A handshake message with {@code peer} left or arrived: lets a benchmark time each step of the handshake. */
    default void handshakeStep(String peer, HandshakeStage stage) {
    }

    /** Handshake and key confirmation with {@code peer} succeeded, on the suite {@code suiteId} they negotiated. */
    default void secured(String peer, String suiteId, String safetyCode, KnownPeers.Check trust) {
    }

    /** A message that decrypted, authenticated, and was not seen before. */
    default void message(String from, String text, boolean direct) {
    }

    /** The peer acknowledged message {@code id}. */
    default void delivered(String peer, long id) {
    }

    /** Message {@code id} will not reach {@code peer}; {@code reason} says why. */
    default void notDelivered(String peer, long id, String reason) {
    }

    /** Something was rejected (replay, tampering, a bad handshake) and the chat goes on. */
    default void warning(String line) {
    }

    /** An announcement from the relay. */
    default void notice(String text) {
    }

    /** The connection to the relay ended. */
    default void disconnected(String reason) {
    }
}
