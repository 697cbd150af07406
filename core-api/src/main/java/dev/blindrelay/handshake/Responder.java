package dev.blindrelay.handshake;

import dev.blindrelay.session.SecureSession;
import dev.blindrelay.session.SessionKind;
import dev.blindrelay.spi.KeyAgreement;
import dev.blindrelay.spi.KeyAgreementResponse;
import dev.blindrelay.spi.KeyShare;
import dev.blindrelay.suite.CipherSuite;
import dev.blindrelay.trace.TraceValue;
import dev.blindrelay.trace.Tracer;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The side that answers handshake message 1. It derives the keys at once, proves it with its
 * signature and confirmation in message 2, and accepts the session only when message 3 proves that
 * the initiator derived the same keys.
 */
public final class Responder {

    private final HandshakeContext ctx;
    private final CipherSuite suite;
    private final HandshakeResponse response;
    private final Transcript transcript;
    private final byte[] handshakeHash;
    private final byte[] responseHash;
    private final KeySchedule schedule;
    private final byte[] initiatorIdentity;
    private boolean done;

    private Responder(HandshakeContext ctx, CipherSuite suite, HandshakeResponse response, Transcript transcript,
                      byte[] handshakeHash, byte[] responseHash, KeySchedule schedule, byte[] initiatorIdentity) {
        this.ctx = ctx;
        this.suite = suite;
        this.response = response;
        this.transcript = transcript;
        this.handshakeHash = handshakeHash;
        this.responseHash = responseHash;
        this.schedule = schedule;
        this.initiatorIdentity = initiatorIdentity;
    }

    /**
     * Processes message 1: chooses the first suite of the offer that this side accepts, and answers with that
     * suite's key agreement.
     *
     * @throws HandshakeException with a {@link HandshakeReject} to send back when the version differs, no suite
     *                            is in common or a key is invalid
     */
    public static Responder accept(HandshakeContext ctx, HandshakeInit init) throws GeneralSecurityException {
        return accept(ctx, init, EphemeralKeys.FRESH);
    }

    /** {@link #accept(HandshakeContext, HandshakeInit)} with our key share (Diffie-Hellman) from {@code keys}. */
    public static Responder accept(HandshakeContext ctx, HandshakeInit init, EphemeralKeys keys)
            throws GeneralSecurityException {
        if (init.version() != HandshakeInit.VERSION) {
            throw HandshakeMessages.versionMismatch(ctx, init.version());
        }
        CipherSuite suite = negotiate(ctx, init.offer());
        requireSameSession(ctx, init.session());
        HandshakeSteps.requireIdentityKey(ctx, init.identityKey());
        KeyAgreement keyAgreement = suite.keyAgreement();
        byte[] initiatorEphemeral = init.keyShare(keyAgreement.id()).orElseThrow(() -> new HandshakeException(
                "no " + keyAgreement.id() + " key share from " + ctx.peer(),
                new HandshakeReject(HandshakeReject.INVALID, ctx.suitesForReject(), "no key share for "
                        + keyAgreement.id())));
        byte[] identity = ctx.identity().publicKey();
        Transcript transcript = new Transcript();
        KeyShare ownShare = keys.responseShare(keyAgreement);
        KeyAgreementResponse agreed = null;
        try {
            // Diffie-Hellman: our response is our public key, so h1 is known before the secret; we sign it meanwhile.
            // A KEM's response comes with the secret.
            agreed = ownShare == null ? agree(ctx, () -> keyAgreement.respond(initiatorEphemeral)) : null;
            byte[] responseKey = ownShare != null ? ownShare.publicBytes() : agreed.message();
            KeyShare traced = ownShare != null ? ownShare : agreed.ownShare();
            if (traced != null) {
                Initiator.traceKeyPair(ctx, keyAgreement, traced);
            }
            byte[] h1 = HandshakeSteps.handshakeHash(ctx, suite, transcript, init.offer(), ctx.peer(), ctx.self(),
                    init.identityKey(), initiatorEphemeral, identity, responseKey);
            ParallelStep<byte[]> signing = ParallelStep.start(ctx,
                    () -> HandshakeSteps.sign(ctx, TranscriptLabels.RESPONDER_SIGNATURE, h1));
            if (agreed == null) {
                agreed = new KeyAgreementResponse(responseKey,
                        agree(ctx, () -> keyAgreement.finish(ownShare, initiatorEphemeral)), ownShare);
            }
            HandshakeSteps.traceSharedSecret(ctx, keyAgreement, initiatorEphemeral, agreed.sharedSecret());
            KeySchedule schedule = HandshakeSteps.schedule(ctx, suite, h1, agreed.sharedSecret().clone());
            byte[] signature = signing.await();
            byte[] h2 = HandshakeSteps.absorb(ctx, transcript, TranscriptLabels.RESPONDER_SIGNATURE, signature);
            byte[] confirmation = HandshakeSteps.confirm(ctx, schedule, TranscriptLabels.RESPONDER_CONFIRM, h2);
            byte[] h3 = HandshakeSteps.absorb(ctx, transcript, TranscriptLabels.RESPONDER_CONFIRM, confirmation);
            HandshakeResponse response = new HandshakeResponse(HandshakeInit.VERSION, suite.id(), init.offer(),
                    identity, agreed.message(), signature, confirmation);
            return new Responder(ctx, suite, response, transcript, h1, h3, schedule, init.identityKey());
        } finally {
            if (agreed != null) {
                agreed.destroy();
            } else if (ownShare != null) {
                ownShare.destroy();
            }
        }
    }

    private interface Agreement<T> {
        T compute() throws GeneralSecurityException;
    }

    /** The key agreement's result; an invalid initiator key is a REJECT. */
    private static <T> T agree(HandshakeContext ctx, Agreement<T> agreement) throws GeneralSecurityException {
        try {
            return agreement.compute();
        } catch (InvalidKeyException e) {
            throw new HandshakeException("invalid ephemeral key from " + ctx.peer() + ": " + e.getMessage(),
                    new HandshakeReject(HandshakeReject.INVALID, ctx.suitesForReject(),
                            "invalid ephemeral key: " + e.getMessage()));
        }
    }

    /** The rule: the first suite of the initiator's offer that this side accepts; none is a REJECT naming both lists. */
    private static CipherSuite negotiate(HandshakeContext ctx, List<String> offer) throws HandshakeException {
        Optional<CipherSuite> chosen = ctx.suites().chooseFrom(offer);
        Tracer tracer = ctx.tracer();
        if (tracer.enabled()) {
            tracer.event(ctx.self(), ctx.peer(), "negotiate",
                    "the responder takes the first suite of the initiator's offer that it accepts; both lists and "
                            + "the choice go into the transcript, so a changed offer makes the handshake fail",
                    TraceValue.text("offered", String.join(", ", offer)),
                    TraceValue.text("we accept", String.join(", ", ctx.suites().ids())),
                    TraceValue.text("chosen", chosen.map(CipherSuite::id).orElse("none: no suite in common")));
        }
        if (chosen.isEmpty()) {
            throw new HandshakeException(noCommonSuite(ctx.peer(), offer, ctx.suites().ids()),
                    new HandshakeReject(HandshakeReject.SUITE_MISMATCH, ctx.suitesForReject(),
                            "no suite in common: you offered " + String.join(", ", offer) + "; " + ctx.self()
                                    + " accepts " + String.join(", ", ctx.suites().ids())));
        }
        return chosen.get();
    }

    /** Both sides must make the same kind of session: the initiator's is in INIT; another one is a REJECT 4. */
    private static void requireSameSession(HandshakeContext ctx, SessionKind theirs) throws HandshakeException {
        SessionKind ours = ctx.session().kind();
        if (theirs != ours) {
            throw new HandshakeException(ctx.peer() + " asked for a " + theirs.id() + " session but you use "
                    + ours.id() + " sessions; use the same --session on both sides (ratchet is the default)",
                    new HandshakeReject(HandshakeReject.SESSION_MISMATCH, ctx.suitesForReject(), ctx.self()
                            + " uses " + ours.id() + " sessions but you asked for " + theirs.id()
                            + "; use the same --session on both sides (ratchet is the default)"));
        }
    }

    static String noCommonSuite(String peer, List<String> theirs, List<String> ours) {
        return peer + " offered " + String.join(", ", theirs) + " but you accept " + String.join(", ", ours)
                + "; no suite in common: add one of theirs to your --suite list";
    }

    /** The suite this side chose from the offer. */
    public CipherSuite suite() {
        return suite;
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
            return HandshakeSteps.session(ctx, suite, false, schedule, finalHash, handshakeHash, initiatorIdentity);
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
