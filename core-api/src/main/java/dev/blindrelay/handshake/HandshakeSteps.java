package dev.blindrelay.handshake;

import dev.blindrelay.handshake.KeySchedule.DirectionKeys;
import dev.blindrelay.identity.IdentityKeyPair;
import dev.blindrelay.session.SecureSession;
import dev.blindrelay.session.SessionCipher;
import dev.blindrelay.session.SessionKind;
import dev.blindrelay.session.StaticCipher;
import dev.blindrelay.session.ratchet.DoubleRatchet;
import dev.blindrelay.session.ratchet.RatchetKeys;
import dev.blindrelay.spi.KeyAgreement;
import dev.blindrelay.suite.CipherSuite;
import dev.blindrelay.trace.TraceValue;
import dev.blindrelay.trace.Tracer;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/** The steps both roles perform identically, so the two sides cannot drift apart. */
final class HandshakeSteps {

    private HandshakeSteps() {
    }

    /** Absorbs one field into the transcript and traces the new hash. */
    static byte[] absorb(HandshakeContext ctx, Transcript transcript, String label, byte[] value) {
        byte[] hash = transcript.absorb(label, value);
        Tracer tracer = ctx.tracer();
        if (tracer.enabled()) {
            tracer.event(ctx.self(), ctx.peer(), "transcript",
                    "h = SHA-256(h || label || value): binds '" + label + "' so no field can be changed or moved",
                    TraceValue.text("label", label), TraceValue.bytes("value", value), TraceValue.bytes("hash", hash));
        }
        return hash;
    }

    /**
     * The transcript up to both ephemeral messages, in the fixed order of PROTOCOL.md section 6: protocol, offer,
     * chosen suite, session type, room, initiator name, responder name, initiator identity, initiator ephemeral (its key share
     * for the chosen key agreement), responder identity, responder ephemeral. Returns the handshake hash h1.
     */
    static byte[] handshakeHash(HandshakeContext ctx, CipherSuite suite, Transcript transcript, List<String> offer,
                                String initiator, String responder, byte[] initiatorIdentity,
                                byte[] initiatorEphemeral, byte[] responderIdentity, byte[] responderEphemeral) {
        absorb(ctx, transcript, TranscriptLabels.PROTOCOL, KeySchedule.PROTOCOL.getBytes(StandardCharsets.US_ASCII));
        absorb(ctx, transcript, TranscriptLabels.OFFER, SuiteOffer.encode(offer));
        absorb(ctx, transcript, TranscriptLabels.SUITE, suite.suiteId().toBytes());
        absorb(ctx, transcript, TranscriptLabels.SESSION, ctx.session().kind().id().getBytes(StandardCharsets.US_ASCII));
        absorb(ctx, transcript, TranscriptLabels.ROOM, ctx.room().getBytes(StandardCharsets.UTF_8));
        absorb(ctx, transcript, TranscriptLabels.INITIATOR, initiator.getBytes(StandardCharsets.UTF_8));
        absorb(ctx, transcript, TranscriptLabels.RESPONDER, responder.getBytes(StandardCharsets.UTF_8));
        absorb(ctx, transcript, TranscriptLabels.INITIATOR_IDENTITY, initiatorIdentity);
        absorb(ctx, transcript, TranscriptLabels.INITIATOR_EPHEMERAL, initiatorEphemeral);
        absorb(ctx, transcript, TranscriptLabels.RESPONDER_IDENTITY, responderIdentity);
        return absorb(ctx, transcript, TranscriptLabels.RESPONDER_EPHEMERAL, responderEphemeral);
    }

    /** Extract with the handshake hash as salt, then zero the shared secret: it is never needed again. */
    static KeySchedule schedule(HandshakeContext ctx, CipherSuite suite, byte[] handshakeHash, byte[] sharedSecret)
            throws GeneralSecurityException {
        try {
            KeySchedule schedule = KeySchedule.extract(suite, handshakeHash, sharedSecret);
            Tracer tracer = ctx.tracer();
            if (tracer.enabled()) {
                tracer.event(ctx.self(), ctx.peer(), "hkdf-extract",
                        "PRK = HKDF-Extract(salt = handshake hash, IKM = shared secret): the keys depend on every "
                                + "transcript field, not only on the secret",
                        TraceValue.bytes("salt", handshakeHash), TraceValue.secret("ikm", sharedSecret),
                        TraceValue.secret("prk", schedule.prkForTrace()));
            }
            return schedule;
        } finally {
            java.util.Arrays.fill(sharedSecret, (byte) 0);
        }
    }

    /**
     * Traces the shared secret; for a hybrid ({@link KeyAgreement#components()}), also each component's part of it,
     * in wire order.
     */
    static void traceSharedSecret(HandshakeContext ctx, KeyAgreement keyAgreement, byte[] peerMessage,
                                  byte[] sharedSecret) {
        Tracer tracer = ctx.tracer();
        if (!tracer.enabled()) {
            return;
        }
        List<TraceValue> values = new ArrayList<>(List.of(TraceValue.bytes("peer message", peerMessage),
                TraceValue.secret("shared secret", sharedSecret)));
        int offset = 0;
        for (KeyAgreement part : keyAgreement.components()) {
            int end = Math.min(sharedSecret.length, offset + part.sharedSecretLength());
            values.add(TraceValue.secret("shared secret, " + part.id() + " part",
                    java.util.Arrays.copyOfRange(sharedSecret, offset, end)));
            offset = end;
        }
        String how = keyAgreement.components().isEmpty()
                ? "Diffie-Hellman combines our private key with the peer's public key; a KEM decapsulates the peer's "
                        + "ciphertext (or encapsulated to the peer's key)"
                : "a hybrid: each part computes its own secret, and the shared secret is their concatenation "
                        + keyAgreement.components().stream().map(KeyAgreement::id).toList()
                        + ", secure while either part is";
        tracer.event(new dev.blindrelay.trace.TraceEvent(ctx.self(), ctx.peer(), "shared-secret",
                "both sides now hold the same secret: " + how + "; the relay sees only public values and cannot "
                        + "compute it", values));
    }

    static byte[] sign(HandshakeContext ctx, String label, byte[] transcriptHash) {
        byte[] signature = ctx.identity().sign(TranscriptLabels.signedMessage(label, transcriptHash));
        Tracer tracer = ctx.tracer();
        if (tracer.enabled()) {
            tracer.event(ctx.self(), ctx.peer(), "sign",
                    "the long-term identity key signs the transcript, so a relay cannot substitute its own "
                            + "ephemeral key without also holding this identity key",
                    TraceValue.text("label", label), TraceValue.bytes("signed hash", transcriptHash),
                    TraceValue.bytes("signature", signature));
        }
        return signature;
    }

    static void verify(HandshakeContext ctx, String label, byte[] peerIdentity, byte[] transcriptHash,
                       byte[] signature) throws HandshakeException {
        if (!signatureValid(label, peerIdentity, transcriptHash, signature)) {
            throw notVerified(ctx, label);
        }
    }

    static boolean signatureValid(String label, byte[] peerIdentity, byte[] transcriptHash, byte[] signature) {
        return IdentityKeyPair.verify(peerIdentity, TranscriptLabels.signedMessage(label, transcriptHash), signature);
    }

    static HandshakeException notVerified(HandshakeContext ctx, String label) {
        return new HandshakeException("the " + label + " from " + ctx.peer()
                + " does not verify: someone altered the handshake (man in the middle?)");
    }

    static byte[] confirm(HandshakeContext ctx, KeySchedule schedule, String label, byte[] transcriptHash)
            throws GeneralSecurityException {
        byte[] value = schedule.confirm(label, transcriptHash);
        Tracer tracer = ctx.tracer();
        if (tracer.enabled()) {
            tracer.event(ctx.self(), ctx.peer(), "confirm",
                    "key confirmation = HKDF-Expand(PRK, info || h): only a party that derived the same PRK "
                            + "over the same transcript can produce it",
                    TraceValue.text("label", label), TraceValue.bytes("hash", transcriptHash),
                    TraceValue.bytes("confirmation", value));
        }
        return value;
    }

    static void checkConfirm(HandshakeContext ctx, byte[] expected, byte[] received) throws HandshakeException {
        if (!MessageDigest.isEqual(expected, received)) {
            throw new HandshakeException("key confirmation from " + ctx.peer()
                    + " failed: the two sides derived different keys (man in the middle or wrong suite)");
        }
    }

    /** The session of the agreed kind, keyed from the schedule (which the caller destroys). */
    static SecureSession session(HandshakeContext ctx, CipherSuite suite, boolean initiator, KeySchedule schedule,
                                 byte[] finalHash, byte[] handshakeHash, byte[] peerIdentity)
            throws GeneralSecurityException {
        String code = SafetyCode.of(handshakeHash);
        Tracer tracer = ctx.tracer();
        if (tracer.enabled()) {
            tracer.event(ctx.self(), ctx.peer(), "safety-code",
                    "safety code = SHA-256('" + KeySchedule.PROTOCOL + " safety code' || handshake hash) mod 10^12: "
                            + "compare it with your peer to detect a swapped key",
                    TraceValue.bytes("handshake hash", handshakeHash), TraceValue.text("safety code", code));
        }
        SessionKind kind = ctx.session().kind();
        return new SecureSession(suite, kind, ctx.self(), ctx.peer(), ctx.room(),
                cipher(ctx, suite, initiator, schedule), finalHash, code, peerIdentity);
    }

    private static SessionCipher cipher(HandshakeContext ctx, CipherSuite suite, boolean initiator,
                                        KeySchedule schedule) throws GeneralSecurityException {
        if (ctx.session().kind() == SessionKind.RATCHET) {
            RatchetKeys keys = schedule.ratchetKeys(ctx.tracer(), ctx.self(), ctx.peer());
            try {
                return DoubleRatchet.start(suite, initiator, ctx.self(), ctx.peer(), keys, ctx.session(),
                        ctx.tracer());
            } finally {
                keys.destroy();
            }
        }
        DirectionKeys[] keys = schedule.directionKeys(ctx.tracer(), ctx.self(), ctx.peer());
        try {
            return new StaticCipher(suite.aead(), ctx.self(), ctx.peer(), initiator ? keys[0] : keys[1],
                    initiator ? keys[1] : keys[0], ctx.tracer());
        } finally {
            keys[0].destroy();
            keys[1].destroy();
        }
    }

    static void requireIdentityKey(HandshakeContext ctx, byte[] identityKey) throws HandshakeException {
        if (identityKey.length != IdentityKeyPair.PUBLIC_KEY_LENGTH) {
            throw new HandshakeException("identity key from " + ctx.peer() + " is " + identityKey.length
                    + " bytes; Ed25519 keys are " + IdentityKeyPair.PUBLIC_KEY_LENGTH,
                    new HandshakeReject(HandshakeReject.INVALID, ctx.suitesForReject(), "invalid identity key"));
        }
    }
}
