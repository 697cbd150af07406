package dev.blindrelay.handshake;

import dev.blindrelay.session.SecureSession;
import dev.blindrelay.spi.KeyShare;
import dev.blindrelay.trace.TraceValue;
import dev.blindrelay.trace.Tracer;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;

/**
 * The side that sends handshake message 1. In a room, the member who joins later initiates with each
 * member already there. One instance per attempt; it destroys its ephemeral key when done.
 */
public final class Initiator {

    private final HandshakeContext ctx;
    private final KeyShare share;
    private final HandshakeInit init;
    private boolean done;

    private Initiator(HandshakeContext ctx, KeyShare share) {
        this.ctx = ctx;
        this.share = share;
        this.init = new HandshakeInit(HandshakeInit.VERSION, ctx.suite().id(), ctx.identity().publicKey(),
                share.publicBytes());
    }

    /** Generates a fresh ephemeral key pair for this one session. */
    public static Initiator start(HandshakeContext ctx) throws GeneralSecurityException {
        KeyShare share = ctx.suite().keyAgreement().generate();
        Tracer tracer = ctx.tracer();
        if (tracer.enabled()) {
            tracer.event(ctx.self(), ctx.peer(), "ephemeral-keypair",
                    "a fresh " + ctx.suite().keyAgreement().id() + " key pair for this session only: "
                            + "once it is erased, recorded traffic cannot be decrypted (forward secrecy)",
                    TraceValue.secret("private key", share.secretBytesForTrace()),
                    TraceValue.bytes("public key", share.publicBytes()));
        }
        return new Initiator(ctx, share);
    }

    /** Message 1, to send. */
    public HandshakeInit message() {
        return init;
    }

    public HandshakeContext context() {
        return ctx;
    }

    /**
     * Processes message 2: computes the secret, checks the responder's signature and key
     * confirmation, and produces message 3 and the session.
     */
    public Completed receive(HandshakeResponse response) throws GeneralSecurityException {
        if (done) {
            throw new HandshakeException("duplicate handshake response from " + ctx.peer() + " ignored");
        }
        done = true;
        try {
            if (response.version() != HandshakeInit.VERSION) {
                throw HandshakeMessages.versionMismatch(ctx, response.version());
            }
            if (!response.suiteId().equals(ctx.suite().id())) {
                throw new HandshakeException(ctx.peer() + " answered with suite " + response.suiteId()
                        + " but you offered " + ctx.suite().id());
            }
            HandshakeSteps.requireIdentityKey(ctx, response.identityKey());
            byte[] shared;
            try {
                shared = ctx.suite().keyAgreement().finish(share, response.ephemeralKey());
            } catch (InvalidKeyException e) {
                throw new HandshakeException("invalid ephemeral key from " + ctx.peer() + ": " + e.getMessage(),
                        new HandshakeReject(HandshakeReject.INVALID, ctx.suite().id(), "invalid ephemeral key"));
            }
            traceShared(shared, response.ephemeralKey());
            Transcript transcript = new Transcript();
            byte[] h1 = HandshakeSteps.handshakeHash(ctx, transcript, ctx.self(), ctx.peer(), init,
                    response.identityKey(), response.ephemeralKey());
            KeySchedule schedule = HandshakeSteps.schedule(ctx, h1, shared);
            try {
                HandshakeSteps.verify(ctx, TranscriptLabels.RESPONDER_SIGNATURE, response.identityKey(), h1,
                        response.signature());
                byte[] h2 = HandshakeSteps.absorb(ctx, transcript, TranscriptLabels.RESPONDER_SIGNATURE,
                        response.signature());
                byte[] expected = HandshakeSteps.confirm(ctx, schedule, TranscriptLabels.RESPONDER_CONFIRM, h2);
                HandshakeSteps.checkConfirm(ctx, expected, response.confirmation());
                byte[] h3 = HandshakeSteps.absorb(ctx, transcript, TranscriptLabels.RESPONDER_CONFIRM,
                        response.confirmation());
                byte[] signature = HandshakeSteps.sign(ctx, TranscriptLabels.INITIATOR_SIGNATURE, h3);
                byte[] h4 = HandshakeSteps.absorb(ctx, transcript, TranscriptLabels.INITIATOR_SIGNATURE, signature);
                byte[] confirmation = HandshakeSteps.confirm(ctx, schedule, TranscriptLabels.INITIATOR_CONFIRM, h4);
                byte[] finalHash = HandshakeSteps.absorb(ctx, transcript, TranscriptLabels.INITIATOR_CONFIRM,
                        confirmation);
                SecureSession session = HandshakeSteps.session(ctx, true,
                        schedule.directionKeys(ctx.tracer(), ctx.self(), ctx.peer()), finalHash, h1,
                        response.identityKey());
                return new Completed(new HandshakeFinish(signature, confirmation), session);
            } finally {
                schedule.destroy();
            }
        } finally {
            share.destroy();
        }
    }

    private void traceShared(byte[] shared, byte[] peerPublic) {
        Tracer tracer = ctx.tracer();
        if (tracer.enabled()) {
            tracer.event(ctx.self(), ctx.peer(), "shared-secret",
                    "our private key combined with the peer's public key gives the same secret on both sides; "
                            + "the relay, which sees only public keys, cannot compute it",
                    TraceValue.bytes("peer public key", peerPublic), TraceValue.secret("shared secret", shared));
        }
    }

    /** Gives up (peer left, timeout): erases the ephemeral key. */
    public void abort() {
        done = true;
        share.destroy();
    }

    /** Message 3 to send, and the established session. */
    public record Completed(HandshakeFinish finish, SecureSession session) {
    }
}
