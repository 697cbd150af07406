package dev.blindrelay.handshake;

import dev.blindrelay.handshake.HandshakeInit.KeyShareEntry;
import dev.blindrelay.session.SecureSession;
import dev.blindrelay.spi.KeyAgreement;
import dev.blindrelay.spi.KeyShare;
import dev.blindrelay.suite.CipherSuite;
import dev.blindrelay.trace.TraceValue;
import dev.blindrelay.trace.Tracer;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The side that sends handshake message 1. In a room, the member who joins later initiates with each
 * member already there. It offers its suites, most preferred first, with one fresh key share per key
 * agreement among them, so the responder can choose without another round trip. One instance per attempt;
 * it destroys its ephemeral keys when done.
 */
public final class Initiator {

    private final HandshakeContext ctx;
    /** By key agreement id, in offer order. */
    private final Map<String, KeyShare> shares;
    private final HandshakeInit init;
    private boolean done;

    private Initiator(HandshakeContext ctx, Map<String, KeyShare> shares) {
        this.ctx = ctx;
        this.shares = shares;
        List<KeyShareEntry> entries = new ArrayList<>();
        shares.forEach((id, share) -> entries.add(new KeyShareEntry(id, share.publicBytes())));
        this.init = new HandshakeInit(HandshakeInit.VERSION, ctx.suites().ids(), ctx.identity().publicKey(), entries,
                ctx.session().kind());
    }

    /** Generates a fresh ephemeral key pair per key agreement of the offer, for this one session. */
    public static Initiator start(HandshakeContext ctx) throws GeneralSecurityException {
        return start(ctx, EphemeralKeys.FRESH);
    }

    /** Takes a fresh ephemeral key pair per key agreement of the offer from {@code keys}, for this one session. */
    public static Initiator start(HandshakeContext ctx, EphemeralKeys keys) throws GeneralSecurityException {
        Map<String, KeyShare> shares = new LinkedHashMap<>();
        try {
            for (CipherSuite suite : ctx.suites().suites()) {
                KeyAgreement keyAgreement = suite.keyAgreement();
                if (!shares.containsKey(keyAgreement.id())) {
                    KeyShare share = keys.initiatorShare(keyAgreement);
                    shares.put(keyAgreement.id(), share);
                    traceKeyPair(ctx, keyAgreement, share);
                }
            }
        } catch (GeneralSecurityException | RuntimeException e) {
            shares.values().forEach(KeyShare::destroy);
            throw e;
        }
        Tracer tracer = ctx.tracer();
        if (tracer.enabled()) {
            tracer.event(ctx.self(), ctx.peer(), "offer",
                    "the suites we accept, most preferred first, with one key share per key agreement; the responder "
                            + "takes the first one it accepts, and the offer goes into the transcript, so nobody can "
                            + "change it unnoticed",
                    TraceValue.text("offer", String.join(", ", ctx.suites().ids())),
                    TraceValue.text("key shares", String.join(", ", shares.keySet())));
        }
        return new Initiator(ctx, shares);
    }

    static void traceKeyPair(HandshakeContext ctx, KeyAgreement keyAgreement, KeyShare share) {
        Tracer tracer = ctx.tracer();
        if (tracer.enabled()) {
            tracer.event(ctx.self(), ctx.peer(), "ephemeral-keypair",
                    "a fresh " + keyAgreement.id() + " key pair for this session only: once it is erased, recorded "
                            + "traffic cannot be decrypted (forward secrecy)",
                    TraceValue.text("key agreement", keyAgreement.id()),
                    TraceValue.secret("private key", share.secretBytesForTrace()),
                    TraceValue.bytes("public key", share.publicBytes()));
        }
    }

    /** Message 1, to send. */
    public HandshakeInit message() {
        return init;
    }

    public HandshakeContext context() {
        return ctx;
    }

    /**
     * Processes message 2: checks that the offer arrived unchanged and the choice is one of ours, computes the
     * secret, checks the responder's signature and key confirmation, and produces message 3 and the session.
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
            if (!response.offerReceived().equals(init.offer())) {
                throw new HandshakeException("downgrade attempt: you offered " + String.join(", ", init.offer())
                        + " but " + ctx.peer() + " received " + String.join(", ", response.offerReceived())
                        + "; someone between you (the relay?) changed your list of suites",
                        invalid("downgrade attempt: the offer you received is not the one sent"));
            }
            CipherSuite suite = ctx.suites().get(response.suiteId()).orElseThrow(() -> new HandshakeException(
                    ctx.peer() + " chose suite " + response.suiteId() + ", which you did not offer",
                    invalid("chose a suite that was not offered")));
            HandshakeSteps.requireIdentityKey(ctx, response.identityKey());
            KeyAgreement keyAgreement = suite.keyAgreement();
            // h1 to h3 bind only public values: the responder's signature is checked, and ours made, on another core
            // while the secret is computed here. Nothing is sent before both are done and the confirmation checks.
            Transcript transcript = new Transcript();
            byte[] h1 = HandshakeSteps.handshakeHash(ctx, suite, transcript, init.offer(), ctx.self(), ctx.peer(),
                    init.identityKey(), init.keyShare(keyAgreement.id()).orElseThrow(), response.identityKey(),
                    response.ephemeralKey());
            ParallelStep<Boolean> responderSigned = ParallelStep.start(ctx, () -> HandshakeSteps.signatureValid(
                    TranscriptLabels.RESPONDER_SIGNATURE, response.identityKey(), h1, response.signature()));
            byte[] h2 = HandshakeSteps.absorb(ctx, transcript, TranscriptLabels.RESPONDER_SIGNATURE,
                    response.signature());
            byte[] h3 = HandshakeSteps.absorb(ctx, transcript, TranscriptLabels.RESPONDER_CONFIRM,
                    response.confirmation());
            ParallelStep<byte[]> ourSignature = ParallelStep.start(ctx,
                    () -> HandshakeSteps.sign(ctx, TranscriptLabels.INITIATOR_SIGNATURE, h3));
            byte[] shared;
            try {
                shared = keyAgreement.finish(shares.get(keyAgreement.id()), response.ephemeralKey());
            } catch (InvalidKeyException e) {
                throw new HandshakeException("invalid ephemeral key from " + ctx.peer() + ": " + e.getMessage(),
                        invalid("invalid ephemeral key: " + e.getMessage()));
            }
            HandshakeSteps.traceSharedSecret(ctx, keyAgreement, response.ephemeralKey(), shared);
            KeySchedule schedule = HandshakeSteps.schedule(ctx, suite, h1, shared);
            try {
                byte[] expected = HandshakeSteps.confirm(ctx, schedule, TranscriptLabels.RESPONDER_CONFIRM, h2);
                // Ours first: while the other core still checks theirs, ours is made here rather than after it.
                byte[] signature = ourSignature.await();
                if (!responderSigned.await()) { // before the confirmation, and before anything is sent
                    throw HandshakeSteps.notVerified(ctx, TranscriptLabels.RESPONDER_SIGNATURE);
                }
                HandshakeSteps.checkConfirm(ctx, expected, response.confirmation());
                byte[] h4 = HandshakeSteps.absorb(ctx, transcript, TranscriptLabels.INITIATOR_SIGNATURE, signature);
                byte[] confirmation = HandshakeSteps.confirm(ctx, schedule, TranscriptLabels.INITIATOR_CONFIRM, h4);
                byte[] finalHash = HandshakeSteps.absorb(ctx, transcript, TranscriptLabels.INITIATOR_CONFIRM,
                        confirmation);
                SecureSession session = HandshakeSteps.session(ctx, suite, true, schedule, finalHash, h1,
                        response.identityKey());
                return new Completed(new HandshakeFinish(signature, confirmation), session);
            } finally {
                schedule.destroy();
            }
        } finally {
            destroyShares();
        }
    }

    private HandshakeReject invalid(String why) {
        return new HandshakeReject(HandshakeReject.INVALID, ctx.suitesForReject(), why);
    }

    /** Gives up (peer left, timeout): erases the ephemeral keys. */
    public void abort() {
        done = true;
        destroyShares();
    }

    private void destroyShares() {
        shares.values().forEach(KeyShare::destroy);
    }

    /** Message 3 to send, and the established session. */
    public record Completed(HandshakeFinish finish, SecureSession session) {
    }
}
