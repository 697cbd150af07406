package dev.blindrelay.client;

import dev.blindrelay.handshake.HandshakeContext;
import dev.blindrelay.handshake.HandshakeException;
import dev.blindrelay.handshake.HandshakeInit;
import dev.blindrelay.handshake.HandshakeMessages;
import dev.blindrelay.handshake.Initiator;
import dev.blindrelay.handshake.Responder;
import dev.blindrelay.session.SecureSession;
import dev.blindrelay.wire.FrameType;

import java.security.GeneralSecurityException;
import java.time.Duration;

/**
 * The handshake with one other member, from our side: as initiator (INIT, then RESPONSE, then our
 * FINISH) or as responder. It never waits for ever: an INIT without an answer is sent once more,
 * then the handshake has failed; a RESPONSE without a FINISH is forgotten, so that a retried INIT is
 * answered. Guarded by the client's lock.
 */
final class PeerHandshake {

    private static final int INIT_ATTEMPTS = 2;

    /** Where a handshake ends. */
    interface Outcome {
        void established(SecureSession session);

        /** No session: {@code reason} is one line for the user. */
        void failed(String reason);
    }

    private final String peer;
    private final ClientContext client;
    private final Outcome outcome;
    private Initiator initiator;
    private Responder responder;
    /** INITs sent; after {@link #INIT_ATTEMPTS} unanswered ones, the handshake has failed. */
    private int initAttempts;

    PeerHandshake(String peer, ClientContext client, Outcome outcome) {
        this.peer = peer;
        this.client = client;
        this.outcome = outcome;
    }

    boolean underWay() {
        return initiator != null || responder != null;
    }

    void initiate() {
        try {
            generatingKeys(String.join(", ", client.suites().keyAgreementIds()));
            Initiator attempt = Initiator.start(client.handshake(peer), client.spares());
            initiator = attempt;
            initAttempts++;
            client.listener().status("Exchanging public keys... (with " + peer + ")");
            client.sendTo(peer, FrameType.HANDSHAKE_INIT, attempt.message().encode());
            client.listener().handshakeStep(peer, HandshakeStage.INIT_SENT);
            client.deadlines().after(client.settings().handshakeTimeout(), () -> noResponse(attempt));
        } catch (GeneralSecurityException e) {
            client.listener().warning("cannot start a handshake with " + peer + ": " + e.getMessage());
        }
    }

    /** The INIT got no answer in time: one more try with fresh keys, then give up until a rejoin. */
    private void noResponse(Initiator attempt) {
        if (initiator != attempt) {
            return; // answered, refused or forgotten meanwhile
        }
        String timeout = seconds(client.settings().handshakeTimeout());
        if (initAttempts < INIT_ATTEMPTS) {
            abort();
            client.listener().warning(peer + " did not answer the handshake within " + timeout + "; trying once more");
            initiate();
        } else {
            outcome.failed(peer + " did not answer the handshake (" + INIT_ATTEMPTS + " tries, " + timeout + " each)");
        }
    }

    /** The RESPONSE got no FINISH in time: forget it, so that the initiator's next INIT is answered. */
    private void noFinish(Responder attempt) {
        if (responder == attempt) {
            abort();
            client.listener().warning(peer + " did not finish the handshake within "
                    + seconds(finishTimeout()) + "; waiting for a new attempt");
        }
    }

    /** Half the handshake timeout (not {@code Duration.dividedBy}, which divides through BigDecimal). */
    private Duration finishTimeout() {
        return Duration.ofNanos(client.settings().handshakeTimeout().toNanos() / 2);
    }

    private static String seconds(Duration duration) {
        long millis = duration.toMillis();
        return (millis % 1000 == 0 ? String.valueOf(millis / 1000) : String.valueOf(millis / 1000.0)) + " s";
    }

    private void generatingKeys(String keyAgreements) {
        client.listener().status("Generating ECDH keys... (" + keyAgreements + ", fresh for the session with "
                + peer + ")");
    }

    /** Message 1 from the peer, which initiates; we have no session and no handshake under way. */
    void initReceived(byte[] init) {
        client.listener().handshakeStep(peer, HandshakeStage.INIT_RECEIVED);
        step(() -> {
            HandshakeContext context = client.handshake(peer);
            HandshakeInit parsed = HandshakeMessages.init(context, init);
            Responder attempt = Responder.accept(context, parsed, client.spares());
            generatingKeys(attempt.suite().keyAgreement().id());
            responder = attempt;
            client.listener().status("Exchanging public keys... (with " + peer + ")");
            client.sendTo(peer, FrameType.HANDSHAKE_RESPONSE, attempt.message().encode());
            client.listener().handshakeStep(peer, HandshakeStage.RESPONSE_SENT);
            client.deadlines().after(finishTimeout(), () -> noFinish(attempt));
        });
    }

    void responseReceived(byte[] response) {
        Initiator pending = initiator;
        if (pending == null) {
            client.listener().warning("unexpected handshake response from " + peer + " ignored (replayed by the relay?)");
            return;
        }
        initiator = null;
        client.listener().handshakeStep(peer, HandshakeStage.RESPONSE_RECEIVED);
        step(() -> {
            Initiator.Completed completed = pending.receive(HandshakeMessages.response(pending.context(), response));
            client.sendTo(peer, FrameType.HANDSHAKE_FINISH, completed.finish().encode());
            client.listener().handshakeStep(peer, HandshakeStage.FINISH_SENT);
            outcome.established(completed.session());
        });
    }

    void finishReceived(byte[] finish) {
        Responder pending = responder;
        if (pending == null) {
            client.listener().warning("unexpected handshake finish from " + peer + " ignored (replayed by the relay?)");
            return;
        }
        responder = null;
        client.listener().handshakeStep(peer, HandshakeStage.FINISH_RECEIVED);
        step(() -> outcome.established(pending.finish(HandshakeMessages.finish(pending.context(), finish))));
    }

    /** A step of the handshake that may fail; a failure ends the handshake (with a REJECT if it calls for one). */
    private interface Step {
        void run() throws GeneralSecurityException;
    }

    private void step(Step step) {
        try {
            step.run();
        } catch (HandshakeException e) {
            failed(e);
        } catch (GeneralSecurityException e) {
            failed(new HandshakeException(e.getMessage()));
        }
    }

    private void failed(HandshakeException e) {
        if (e.reject() != null) {
            client.sendTo(peer, FrameType.HANDSHAKE_REJECT, e.reject().encode());
        }
        outcome.failed("handshake with " + peer + " failed: " + e.getMessage());
    }

    /** Erases the secrets of a handshake under way. */
    void abort() {
        if (initiator != null) {
            initiator.abort();
            initiator = null;
        }
        if (responder != null) {
            responder.abort();
            responder = null;
        }
    }
}
