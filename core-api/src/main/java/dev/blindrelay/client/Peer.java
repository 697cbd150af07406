package dev.blindrelay.client;

import dev.blindrelay.handshake.HandshakeReject;
import dev.blindrelay.identity.KnownPeers;
import dev.blindrelay.session.Opened;
import dev.blindrelay.session.ReplayException;
import dev.blindrelay.session.SecureSession;
import dev.blindrelay.session.SessionKind;
import dev.blindrelay.wire.Envelope;
import dev.blindrelay.wire.EnvelopeHeader;
import dev.blindrelay.wire.FrameType;
import dev.blindrelay.wire.MalformedFrameException;

import javax.crypto.AEADBadTagException;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One other member of the room, from our side: the handshake with them ({@link PeerHandshake}), the
 * session it yields, the messages waiting for it, and redelivery of what they have not acknowledged. Guarded by the
 * client's lock; called on the transport thread or the user's.
 */
final class Peer {

    final String name;
    private final ClientContext client;
    private final PeerHandshake handshake;
    private SecureSession session;
    private KnownPeers.Check trust;
    /** Why there is no session, once the handshake failed or was refused; null otherwise. */
    private String failure;
    /** Messages typed before the session existed, sent once it does. */
    private final ArrayDeque<ChatPayload> outbox = new ArrayDeque<>();
    /** Ids received in the current read batch (the first {@code acksDueCount}), acknowledged together when it ends. */
    private final long[] acksDue = new long[Acknowledgement.MAX_IDS];
    private int acksDueCount;
    /** Messages sent and not yet acknowledged, by id, oldest first. */
    private final Map<Long, ChatPayload> unacknowledged = new LinkedHashMap<>();

    Peer(String name, ClientContext client) {
        this.name = name;
        this.client = client;
        this.handshake = new PeerHandshake(name, client, new PeerHandshake.Outcome() {
            @Override
            public void established(SecureSession session) {
                Peer.this.established(session);
            }

            @Override
            public void failed(String reason) {
                Peer.this.failed(reason);
            }
        });
    }

    boolean secured() {
        return session != null;
    }

    /** The identity key changed and the user has not accepted it: send nothing. */
    boolean blocked() {
        return trust == KnownPeers.Check.MISMATCH;
    }

    /** The live session, or null while the handshake is not done. */
    SecureSession session() {
        return session;
    }

    String state() {
        if (blocked()) {
            String held = outbox.isEmpty() ? "" : "; " + outbox.size() + " message(s) held";
            return "identity key CHANGED, blocked until /trust " + name + held;
        }
        if (failure != null) {
            return "no session: " + failure;
        }
        if (session == null) {
            return "handshaking";
        }
        String suite = ", suite " + session.suite().id();
        return (trust == KnownPeers.Check.VERIFIED ? "secure, verified" : "secure") + suite;
    }

    /** Messages sent or queued that this peer has not acknowledged. */
    int pending() {
        return unacknowledged.size() + outbox.size();
    }

    // ---- handshake ----

    /** We joined later: we start the handshake. */
    void initiate() {
        handshake.initiate();
    }

    /** A peer-to-peer frame from this peer, already checked to be addressed to us. */
    void frameReceived(EnvelopeHeader header, byte[] frame) throws MalformedFrameException {
        if (header.type() == FrameType.UNDEFINED_PEER_TO_PEER) {
            client.listener().warning(name + " sent a frame of " + header.typeName()
                    + ", which this version does not know: ignored");
            return;
        }
        if (header.type() == FrameType.DATA) {
            receive(header, frame); // opened where it lies: no copy of the body
            return;
        }
        byte[] body = Envelope.parse(frame).body();
        switch (header.type()) {
            case HANDSHAKE_INIT -> initReceived(body);
            case HANDSHAKE_RESPONSE -> handshake.responseReceived(body);
            case HANDSHAKE_FINISH -> handshake.finishReceived(body);
            case HANDSHAKE_REJECT -> refused(HandshakeReject.parse(body));
            default -> client.listener().warning("unexpected " + header.type() + " from " + name + " ignored");
        }
    }

    private void initReceived(byte[] init) {
        if (secured() || handshake.underWay()) {
            client.listener().warning("unexpected handshake from " + name + " while one is already under way or done: "
                    + "ignored (replayed by the relay?)");
            return;
        }
        failure = null; // the peer tries again
        handshake.initReceived(init);
    }

    private void refused(HandshakeReject reject) {
        if (secured()) {
            client.listener().warning("unexpected handshake rejection from " + name + " ignored");
        } else {
            failed(name + " refused the handshake: " + reject.message());
        }
    }

    /** No session with this peer until one of us tries again (a rejoin): say why, now and on every send. */
    private void failed(String reason) {
        forget();
        failure = reason;
        client.listener().warning(reason);
        reportUndelivered(reason);
    }

    private void established(SecureSession secured) {
        session = secured;
        failure = null;
        try {
            trust = client.knownPeers().check(name, secured.peerIdentityKey());
        } catch (IOException e) {
            client.listener().warning("cannot save the pinned key of " + name + ": " + e.getMessage());
            trust = KnownPeers.Check.PINNED_NOW;
        }
        client.listener().secured(name, secured.suite().id(), secured.safetyCode(), trust);
        flushOutbox();
    }

    // ---- trust ----

    KnownPeers.Check trustCheck() {
        return trust;
    }

    /** Accepts this peer's new identity key after a mismatch, and sends what was held back meanwhile. */
    TrustOutcome trust() throws IOException {
        if (!blocked()) {
            return TrustOutcome.UNCHANGED;
        }
        client.knownPeers().trust(name, session.peerIdentityKey());
        trust = KnownPeers.Check.MATCHES;
        if (!outbox.isEmpty()) {
            client.listener().status("Sending the " + outbox.size() + " message(s) held for " + name);
        }
        flushOutbox();
        return TrustOutcome.ACCEPTED;
    }

    /** Records that the user compared the safety number. */
    void markVerified() throws IOException {
        client.knownPeers().markVerified(name, session.peerIdentityKey());
        trust = KnownPeers.Check.VERIFIED;
    }

    // ---- sending ----

    /**
     * Sends now if the session is up; otherwise holds it: while the handshake runs, or while a changed
     * identity key waits for the user's /trust.
     */
    void deliver(ChatPayload payload) {
        if (failure != null) {
            client.listener().notDelivered(name, payload.id(), "no secure session: " + failure);
            return;
        }
        if (!secured() || blocked()) {
            String waitingFor = blocked() ? "until you /trust " + name : "while the handshake is pending";
            int maxQueued = client.settings().maxQueued();
            if (outbox.size() >= maxQueued) {
                client.listener().notDelivered(name, payload.id(), "the queue for " + name + " is full ("
                        + maxQueued + " messages) " + waitingFor);
                return;
            }
            outbox.add(payload);
            if (blocked()) {
                client.listener().warning("message to " + name + " held: " + name + "'s identity key changed; "
                        + "/trust " + name + " sends it (compare /verify " + name + " first), /exit drops it");
            }
            return;
        }
        sealAndSend(payload);
        unacknowledged.put(payload.id(), payload);
    }

    /** Holds messages carried over from before a reconnect until the session exists. */
    void queue(List<ChatPayload> payloads) {
        outbox.addAll(payloads);
    }

    private void sealAndSend(ChatPayload payload) {
        try {
            client.relay().accept(session.seal(payload.encode()));
        } catch (GeneralSecurityException e) {
            client.listener().notDelivered(name, payload.id(), "encryption failed: " + e.getMessage());
        }
    }

    private void flushOutbox() {
        if (blocked()) {
            return;
        }
        // Unacknowledged messages from before a reconnect go again under the new keys; ids let the
        // receiver show each only once.
        List<ChatPayload> pending = new ArrayList<>(unacknowledged.values());
        pending.addAll(outbox);
        outbox.clear();
        for (ChatPayload payload : pending) {
            sealAndSend(payload);
            unacknowledged.put(payload.id(), payload);
        }
    }

    // ---- receiving ----

    private void receive(EnvelopeHeader header, byte[] frame) {
        if (!secured()) {
            client.listener().warning("encrypted message from " + name + " before the handshake finished: rejected");
            return;
        }
        Opened opened;
        try {
            opened = session.open(header, frame);
        } catch (ReplayException e) {
            client.listener().warning("rejected: " + e.getMessage());
            return;
        } catch (AEADBadTagException e) {
            client.listener().warning("rejected a tampered or forged message from " + name + " (authentication failed)");
            return;
        } catch (GeneralSecurityException e) {
            client.listener().warning("rejected a message from " + name + ": " + e.getMessage());
            return;
        }
        reportGapOrLate(opened);
        try {
            if (ChatPayload.isAcknowledgement(opened.plaintext())) {
                acknowledged(Acknowledgement.parse(opened.plaintext()));
                return;
            }
            ChatPayload payload = ChatPayload.parse(opened.plaintext());
            acksDue[acksDueCount++] = payload.id(); // sent at the end of this read batch, one for all
            if (acksDueCount == Acknowledgement.MAX_IDS) {
                sendAcks();
            }
            // Only a message its sender marked as sent again may be a repeat; any other is new.
            if (client.seen().firstTime(name, payload.id()) || !payload.again()) {
                if (blocked()) {
                    client.listener().warning("the next message is signed by a NEW identity key for " + name
                            + ": it may not come from " + name + " (/verify " + name + ")");
                }
                client.listener().message(name, payload.text(), payload.kind() == ChatPayload.Kind.DIRECT);
            }
        } catch (MalformedFrameException e) {
            client.listener().warning("unreadable message from " + name + ": " + e.getMessage());
        }
    }

    /** Static counters know a gap is for good; a ratchet keeps the keys, so a missing message may still come. */
    private void reportGapOrLate(Opened opened) {
        boolean ratchet = session.kind() == SessionKind.RATCHET;
        if (opened.missed() > 0) {
            client.listener().warning(opened.missed() + " message(s) from " + name + (ratchet
                    ? " missing (dropped or held back by the relay?)" : " never arrived (dropped by the relay?)"));
        }
        if (opened.late()) {
            client.listener().warning("a message from " + name + " arrived late (held back or reordered by the "
                    + "relay); shown now, once");
        }
    }

    private void acknowledged(Acknowledgement ack) {
        for (int i = 0; i < ack.count(); i++) {
            long id = ack.id(i);
            if (unacknowledged.remove(id) != null) {
                client.listener().delivered(name, id);
            }
        }
    }

    /** Acknowledges, in one encrypted message, everything received in the last read batch. */
    void sendAcks() {
        if (acksDueCount == 0) {
            return;
        }
        Acknowledgement ack = new Acknowledgement(acksDue, acksDueCount);
        acksDueCount = 0;
        if (secured()) {
            try {
                client.relay().accept(session.seal(ack.encode()));
            } catch (GeneralSecurityException e) {
                client.listener().warning("cannot acknowledge messages from " + name + ": " + e.getMessage());
            }
        }
    }

    // ---- ending ----

    /** Erases every secret of this peer: pending handshakes and the session keys. */
    void forget() {
        handshake.abort();
        if (session != null) {
            session.destroy();
            session = null;
        }
    }

    /**
     * Everything not yet acknowledged, in order, taken out of this peer (to carry over a reconnect):
     * what was sent is marked as sent again, so that the receiver shows it only if it missed it.
     */
    List<ChatPayload> takePending() {
        List<ChatPayload> pending = new ArrayList<>();
        unacknowledged.values().forEach(payload -> pending.add(payload.sentAgain()));
        pending.addAll(outbox);
        unacknowledged.clear();
        outbox.clear();
        return pending;
    }

    /** Reports every message this peer will not get, and drops them. */
    void reportUndelivered(String reason) {
        for (ChatPayload payload : takePending()) {
            client.listener().notDelivered(name, payload.id(), reason);
        }
    }
}
