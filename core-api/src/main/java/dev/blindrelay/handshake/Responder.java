package dev.blindrelay.handshake;

import dev.blindrelay.handshake.KeySchedule.DirectionKeys;
import dev.blindrelay.session.SecureSession;
import dev.blindrelay.spi.KeyAgreementResponse;
import dev.blindrelay.trace.TraceValue;
import dev.blindrelay.trace.Tracer;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.util.Arrays;

/**
 * The side that answers handshake message 1. It derives the keys at once, proves it with its
 * signature and confirmation in message 2, and accepts the session only when message 3 proves that
 * the initiator derived the same keys.
 */
public final class Responder {

    private final HandshakeContext ctx;
    private final HandshakeResponse response;
    private final Transcript transcript;
    private final byte[] handshakeHash;
    private final byte[] responseHash;
    private final KeySchedule schedule;
    private final byte[] initiatorIdentity;
    private boolean done;

    private Responder(HandshakeContext ctx, HandshakeResponse response, Transcript transcript, byte[] handshakeHash,
                      byte[] responseHash, KeySchedule schedule, byte[] initiatorIdentity) {
        this.ctx = ctx;
        this.response = response;
        this.transcript = transcript;
        this.handshakeHash = handshakeHash;
        this.responseHash = responseHash;
        this.schedule = schedule;
        this.initiatorIdentity = initiatorIdentity;
    }

    /**
     * Processes message 1.
     *
     * @throws HandshakeException with a {@link HandshakeReject} to send back when the suite or version
     *                            differs or a key is invalid
     */
    public static Responder accept(HandshakeContext ctx, HandshakeInit init) throws GeneralSecurityException {
        String ownSuite = ctx.suite().id();
        if (init.version() != HandshakeInit.VERSION) {
            throw HandshakeMessages.versionMismatch(ctx, init.version());
        }
        if (!init.suiteId().equals(ownSuite)) {
            throw new HandshakeException(suiteMismatch(ctx.peer(), init.suiteId(), ownSuite),
                    new HandshakeReject(HandshakeReject.SUITE_MISMATCH, ownSuite,
                            ctx.self() + " uses suite " + ownSuite + " but you offered " + init.suiteId()));
        }
        HandshakeSteps.requireIdentityKey(ctx, init.identityKey());
        KeyAgreementResponse agreed;
        try {
            agreed = ctx.suite().keyAgreement().respond(init.ephemeralKey());
        } catch (InvalidKeyException e) {
            throw new HandshakeException("invalid ephemeral key from " + ctx.peer() + ": " + e.getMessage(),
                    new HandshakeReject(HandshakeReject.INVALID, ownSuite, "invalid ephemeral key: " + e.getMessage()));
        }
        try {
            Tracer tracer = ctx.tracer();
            if (tracer.enabled()) {
                if (agreed.ownShare() != null) {
                    tracer.event(ctx.self(), ctx.peer(), "ephemeral-keypair",
                            "a fresh " + ctx.suite().keyAgreement().id() + " key pair for this session only: "
                                    + "once it is erased, recorded traffic cannot be decrypted (forward secrecy)",
                            TraceValue.secret("private key", agreed.ownShare().secretBytesForTrace()),
                            TraceValue.bytes("public key", agreed.ownShare().publicBytes()));
                }
                tracer.event(ctx.self(), ctx.peer(), "shared-secret",
                        "our private key combined with the peer's public key gives the same secret on both sides; "
                                + "the relay, which sees only public keys, cannot compute it",
                        TraceValue.bytes("peer public key", init.ephemeralKey()),
                        TraceValue.secret("shared secret", agreed.sharedSecret()));
            }
            byte[] identity = ctx.identity().publicKey();
            Transcript transcript = new Transcript();
            byte[] h1 = HandshakeSteps.handshakeHash(ctx, transcript, ctx.peer(), ctx.self(), init, identity,
                    agreed.message());
            KeySchedule schedule = HandshakeSteps.schedule(ctx, h1, agreed.sharedSecret().clone());
            byte[] signature = HandshakeSteps.sign(ctx, TranscriptLabels.RESPONDER_SIGNATURE, h1);
            byte[] h2 = HandshakeSteps.absorb(ctx, transcript, TranscriptLabels.RESPONDER_SIGNATURE, signature);
            byte[] confirmation = HandshakeSteps.confirm(ctx, schedule, TranscriptLabels.RESPONDER_CONFIRM, h2);
            byte[] h3 = HandshakeSteps.absorb(ctx, transcript, TranscriptLabels.RESPONDER_CONFIRM, confirmation);
            HandshakeResponse response = new HandshakeResponse(HandshakeInit.VERSION, ownSuite, identity,
                    agreed.message(), signature, confirmation);
            return new Responder(ctx, response, transcript, h1, h3, schedule, init.identityKey());
        } finally {
            agreed.destroy();
        }
    }

    static String suiteMismatch(String peer, String theirs, String ours) {
        return peer + " uses suite " + theirs + " but you use " + ours
                + "; both sides must choose the same --suite";
    }

    /** Message 2, to send. */
    public HandshakeResponse message() {
        return response;
    }

    public HandshakeContext context() {
        return ctx;
    }

    /** Processes message 3: checks the initiator's signature and confirmation; returns the session. */
    public SecureSession finish(HandshakeFinish finish) throws GeneralSecurityException {
        if (done) {
            throw new HandshakeException("duplicate handshake finish from " + ctx.peer() + " ignored");
        }
        done = true;
        try {
            HandshakeSteps.verify(ctx, TranscriptLabels.INITIATOR_SIGNATURE, initiatorIdentity, responseHash,
                    finish.signature());
            byte[] h4 = HandshakeSteps.absorb(ctx, transcript, TranscriptLabels.INITIATOR_SIGNATURE, finish.signature());
            byte[] expected = HandshakeSteps.confirm(ctx, schedule, TranscriptLabels.INITIATOR_CONFIRM, h4);
            HandshakeSteps.checkConfirm(ctx, expected, finish.confirmation());
            byte[] finalHash = HandshakeSteps.absorb(ctx, transcript, TranscriptLabels.INITIATOR_CONFIRM,
                    finish.confirmation());
            DirectionKeys[] keys = schedule.directionKeys(ctx.tracer(), ctx.self(), ctx.peer());
            return HandshakeSteps.session(ctx, false, keys, finalHash, handshakeHash, initiatorIdentity);
        } finally {
            schedule.destroy();
            Arrays.fill(responseHash, (byte) 0);
        }
    }

    /** Gives up (peer left, timeout): erases the key schedule. */
    public void abort() {
        done = true;
        schedule.destroy();
    }
}
