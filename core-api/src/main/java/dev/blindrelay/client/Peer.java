package dev.blindrelay.client;

import dev.blindrelay.handshake.HandshakeContext;
import dev.blindrelay.handshake.HandshakeException;
import dev.blindrelay.handshake.HandshakeInit;
import dev.blindrelay.handshake.HandshakeMessages;
import dev.blindrelay.handshake.HandshakeReject;
import dev.blindrelay.handshake.Initiator;
import dev.blindrelay.handshake.Responder;
import dev.blindrelay.identity.KnownPeers;
import dev.blindrelay.session.Opened;
import dev.blindrelay.session.ReplayException;
import dev.blindrelay.session.SecureSession;
import dev.blindrelay.wire.Envelope;
import dev.blindrelay.wire.EnvelopeHeader;
import dev.blindrelay.wire.FrameType;
import dev.blindrelay.wire.MalformedFrameException;

import javax.crypto.AEADBadTagException;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One other member of the room, from our side: the handshake with them, the session it yields, the
 * messages waiting for it, and redelivery of what they have not acknowledged. Guarded by the
 * client's lock; called on the transport thread or the user's.
 */
final class Peer {

    private static final int INIT_ATTEMPTS = 2;

    final String name;
    private final ClientContext client;
    private Initiator initiator;
    private Responder responder;
    private SecureSession session;
    private KnownPeers.Check trust;
    /** Why there is no session, once the handshake failed or was refused; null otherwise. */
    private String failure;
    /** Messages typed before the session existed, sent once it does. */
    private final ArrayDeque<ChatPayload> outbox = new ArrayDeque<>();
    /** Ids received in the current read batch, acknowledged together when it ends. */
    private final List<Long> acksDue = new ArrayList<>();
    /** Messages sent and not yet acknowledged, by id. */
    private final Map<Long, ChatPayload> unacknowledged = new LinkedHashMap<>();
    /** INITs sent to this peer; after {@link #INIT_ATTEMPTS} unanswered ones, the handshake has failed. */
    private int initAttempts;

    Peer(String name, ClientContext client) {
        this.name = name;
        this.client = client;
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
        return trust == KnownPeers.Check.VERIFIED ? "secure, verified" : "secure";
    }

    /** Messages sent or queued that this peer has not acknowledged. */
    int pending() {
        return unacknowledged.size() + outbox.size();
    }

    // ---- handshake ----

    void initiate() {
        try {
            generatingKeys();
            Initiator attempt = Initiator.start(client.handshake(name));
            initiator = attempt;
            initAttempts++;
            client.listener().status("Exchanging public keys... (with " + name + ")");
            client.sendTo(name, FrameType.HANDSHAKE_INIT, attempt.message().encode());
            client.deadlines().after(client.settings().handshakeTimeout(), () -> noResponse(attempt));
        } catch (GeneralSecurityException e) {
            client.listener().warning("cannot start a handshake with " + name + ": " + e.getMessage());
        }
    }

    /** The INIT got no answer in time: one more try with fresh keys, then give up until a rejoin. */
    private void noResponse(Initiator attempt) {
        if (initiator != attempt) {
            return; // answered, refused or forgotten meanwhile
        }
        String timeout = seconds(client.settings().handshakeTimeout());
        if (initAttempts < INIT_ATTEMPTS) {
            attempt.abort();
            initiator = null;
            client.listener().warning(name + " did not answer the handshake within " + timeout + "; trying once more");
            initiate();
        } else {
            failed(name + " did not answer the handshake (" + INIT_ATTEMPTS + " tries, " + timeout + " each)");
        }
    }

    /** The RESPONSE got no FINISH in time: forget it, so that the initiator's next INIT is answered. */
    private void noFinish(Responder attempt) {
        if (responder == attempt) {
            attempt.abort();
            responder = null;
            client.listener().warning(name + " did not finish the handshake within "
                    + seconds(client.settings().handshakeTimeout().dividedBy(2)) + "; waiting for a new attempt");
        }
    }

    private static String seconds(Duration duration) {
        long millis = duration.toMillis();
        return (millis % 1000 == 0 ? String.valueOf(millis / 1000) : String.valueOf(millis / 1000.0)) + " s";
    }

    /** A peer-to-peer frame from this peer, already checked to be addressed to us. */
    void frameReceived(EnvelopeHeader header, byte[] frame) throws MalformedFrameException {
        if (header.type() == FrameType.UNDEFINED_PEER_TO_PEER) {
            client.listener().warning(name + " sent a frame of " + header.typeName()
                    + ", which this version does not know: ignored");
            return;
        }
        byte[] body = Envelope.parse(frame).body();
        switch (header.type()) {
            case HANDSHAKE_INIT -> respond(body);
            case HANDSHAKE_RESPONSE -> completeAsInitiator(body);
            case HANDSHAKE_FINISH -> completeAsResponder(body);
            case HANDSHAKE_REJECT -> refused(HandshakeReject.parse(body));
            case DATA -> receive(header, frame);
            default -> client.listener().warning("unexpected " + header.type() + " from " + name + " ignored");
        }
    }

    private void generatingKeys() {
        client.listener().status("Generating ECDH keys... (" + client.suite().keyAgreement().id()
                + ", fresh for the session with " + name + ")");
    }

    private void respond(byte[] init) {
        if (secured() || responder != null || initiator != null) {
            client.listener().warning("unexpected handshake from " + name + " while one is already under way or done: "
                    + "ignored (replayed by the relay?)");
            return;
        }
        failure = null; // the peer tries again
        handshakeStep(() -> {
            HandshakeContext context = client.handshake(name);
            HandshakeInit parsed = HandshakeMessages.init(context, init);
            generatingKeys();
            Responder attempt = Responder.accept(context, parsed);
            responder = attempt;
            client.listener().status("Exchanging public keys... (with " + name + ")");
            client.sendTo(name, FrameType.HANDSHAKE_RESPONSE, attempt.message().encode());
            client.deadlines().after(client.settings().handshakeTimeout().dividedBy(2), () -> noFinish(attempt));
        });
    }

    private void completeAsInitiator(byte[] response) {
        Initiator pending = initiator;
        if (pending == null) {
            client.listener().warning("unexpected handshake response from " + name + " ignored (replayed by the relay?)");
            return;
        }
        initiator = null;
        handshakeStep(() -> {
            Initiator.Completed completed = pending.receive(HandshakeMessages.response(pending.context(), response));
            client.sendTo(name, FrameType.HANDSHAKE_FINISH, completed.finish().encode());
            established(completed.session());
        });
    }

    private void completeAsResponder(byte[] finish) {
        Responder pending = responder;
        if (pending == null) {
            client.listener().warning("unexpected handshake finish from " + name + " ignored (replayed by the relay?)");
            return;
        }
        responder = null;
        handshakeStep(() -> established(pending.finish(HandshakeMessages.finish(pending.context(), finish))));
    }

    /** A step of the handshake that may fail; a failure ends the handshake (with a REJECT if it calls for one). */
    private interface HandshakeStep {
        void run() throws GeneralSecurityException;
    }

    private void handshakeStep(HandshakeStep step) {
        try {
            step.run();
        } catch (HandshakeException e) {
            failHandshake(e);
        } catch (GeneralSecurityException e) {
            failHandshake(new HandshakeException(e.getMessage()));
        }
    }

    private void refused(HandshakeReject reject) {
        if (secured()) {
            client.listener().warning("unexpected handshake rejection from " + name + " ignored");
        } else {
            failed(name + " refused the handshake: " + reject.message());
        }
    }

    private void failHandshake(HandshakeException e) {
        if (e.reject() != null) {
            client.sendTo(name, FrameType.HANDSHAKE_REJECT, e.reject().encode());
        }
        failed("handshake with " + name + " failed: " + e.getMessage());
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
        client.listener().secured(name, secured.safetyCode(), trust);
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
        if (opened.missed() > 0) {
            client.listener().warning(opened.missed() + " message(s) from " + name
                    + " never arrived (dropped by the relay?)");
        }
        try {
            if (ChatPayload.isAcknowledgement(opened.plaintext())) {
                acknowledged(Acknowledgement.parse(opened.plaintext()));
                return;
            }
            ChatPayload payload = ChatPayload.parse(opened.plaintext());
            acksDue.add(payload.id()); // sent at the end of this read batch, one for all
            if (acksDue.size() >= Acknowledgement.MAX_IDS) {
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

    private void acknowledged(Acknowledgement ack) {
        for (long id : ack.ids()) {
            if (unacknowledged.remove(id) != null) {
                client.listener().delivered(name, id);
            }
        }
    }

    /** Acknowledges, in one encrypted message, everything received in the last read batch. */
    void sendAcks() {
        if (acksDue.isEmpty()) {
            return;
        }
        Acknowledgement ack = new Acknowledgement(acksDue);
        acksDue.clear();
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
