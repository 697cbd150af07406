package dev.blindrelay.client;

import dev.blindrelay.handshake.Initiator;
import dev.blindrelay.handshake.Responder;
import dev.blindrelay.identity.KnownPeers;
import dev.blindrelay.session.SecureSession;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;

/** A client's state for one other member of its room. Guarded by the client's lock. */
final class Peer {

    final String name;
    Initiator initiator;
    Responder responder;
    SecureSession session;
    KnownPeers.Check trust;
    /** Messages typed before the session existed, sent once it does. */
    final ArrayDeque<ChatPayload> outbox = new ArrayDeque<>();
    /** Ids received in the current read batch, acknowledged together when it ends. */
    final List<Long> acksDue = new ArrayList<>();
    /** Messages sent and not yet acknowledged, by id. */
    final Map<Long, ChatPayload> unacknowledged = new LinkedHashMap<>();

    Peer(String name) {
        this.name = name;
    }

    boolean secured() {
        return session != null;
    }

    /** The identity key changed and the user has not accepted it: send nothing. */
    boolean blocked() {
        return trust == KnownPeers.Check.MISMATCH;
    }

    /** Erases every secret of this peer: pending handshakes and the session keys. */
    void forget() {
        if (initiator != null) {
            initiator.abort();
            initiator = null;
        }
        if (responder != null) {
            responder.abort();
            responder = null;
        }
        if (session != null) {
            session.destroy();
            session = null;
        }
    }

    String state() {
        if (blocked()) {
            return "identity key CHANGED, blocked until /trust " + name;
        }
        if (session == null) {
            return "handshaking";
        }
        return trust == KnownPeers.Check.VERIFIED ? "secure, verified" : "secure";
    }
}
