package dev.blindrelay.x25519mlkem768;

import dev.blindrelay.spi.KeyAgreement;
import dev.blindrelay.spi.KeyAgreementResponse;
import dev.blindrelay.spi.KeyShare;
import dev.blindrelay.x25519.X25519KeyAgreement;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.util.Arrays;
import java.util.List;

/**
 * The post-quantum hybrid X25519MLKEM768, built exactly as TLS 1.3 builds it (draft-ietf-tls-ecdhe-mlkem), with
 * ML-KEM first everywhere:
 * <pre>
 *   initiator's message = ML-KEM-768 encapsulation key (1184) || X25519 public key (32)
 *   responder's message = ML-KEM-768 ciphertext (1088)       || X25519 public key (32)
 *   shared secret       = ML-KEM-768 shared secret (32)      || X25519 shared secret (32)
 * </pre>
 * Each half is a whole {@link KeyAgreement} that checks its own input: the ML-KEM modulus check and lengths,
 * X25519's refusal of an all-zero secret. The session keys stay secret while either half holds, against
 * today's attackers (X25519, decades of analysis) and against a future quantum computer (ML-KEM).
 */
public final class X25519MlKem768 implements KeyAgreement {

    public static final String ID = "X25519MLKEM768";
    static final String DESCRIPTION = "X25519MLKEM768 hybrid as in TLS 1.3 (draft-ietf-tls-ecdhe-mlkem): "
            + "ML-KEM-768 (FIPS 203, post-quantum) and X25519 (RFC 7748, classical); the keys stay safe while "
            + "either half holds; the JDK's ML-KEM (Java 24+) is its provider variant where the runtime has it";

    private final KeyAgreement mlKem;
    private final KeyAgreement x25519;

    public X25519MlKem768() {
        this(new MlKem768(), new X25519KeyAgreement());
    }

    /** The same hybrid over other implementations of its halves (a provider variant). */
    X25519MlKem768(KeyAgreement mlKem, KeyAgreement x25519) {
        this.mlKem = mlKem;
        this.x25519 = x25519;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String provider() {
        return mlKem.provider().equals(x25519.provider()) ? mlKem.provider()
                : mlKem.provider() + " ML-KEM + " + x25519.provider() + " X25519";
    }

    @Override
    public String description() {
        return DESCRIPTION;
    }

    @Override
    public int publicKeyLength() {
        return mlKem.publicKeyLength() + x25519.publicKeyLength();
    }

    @Override
    public int responseLength() {
        return mlKem.responseLength() + x25519.responseLength();
    }

    @Override
    public int sharedSecretLength() {
        return mlKem.sharedSecretLength() + x25519.sharedSecretLength();
    }

    /** ML-KEM-768 then X25519: the order of both messages and of the secret. */
    @Override
    public List<KeyAgreement> components() {
        return List.of(mlKem, x25519);
    }

    /** The hybrid over each other provider of ML-KEM (the JDK's, on Java 24+), with the same X25519. */
    @Override
    public List<KeyAgreement> providerVariants() {
        return mlKem.providerVariants().stream().<KeyAgreement>map(variant -> new X25519MlKem768(variant, x25519))
                .toList();
    }

    @Override
    public KeyShare generate() throws GeneralSecurityException {
        KeyShare kemShare = mlKem.generate();
        KeyShare dhShare;
        try {
            dhShare = x25519.generate();
        } catch (GeneralSecurityException | RuntimeException e) {
            kemShare.destroy();
            throw e;
        }
        return new HybridKeyShare(ID, concat(kemShare.publicBytes(), dhShare.publicBytes()),
                List.of(kemShare, dhShare));
    }

    /** Encapsulates to the initiator's ML-KEM key and answers its X25519 key; either half may refuse. */
    @Override
    public KeyAgreementResponse respond(byte[] initiatorPublic) throws GeneralSecurityException {
        requireLength("initiator's message (ML-KEM-768 encapsulation key || X25519 public key)", initiatorPublic,
                publicKeyLength());
        int split = mlKem.publicKeyLength();
        KeyAgreementResponse kem = mlKem.respond(Arrays.copyOfRange(initiatorPublic, 0, split));
        KeyAgreementResponse dh;
        try {
            dh = x25519.respond(Arrays.copyOfRange(initiatorPublic, split, initiatorPublic.length));
        } catch (GeneralSecurityException | RuntimeException e) {
            kem.destroy();
            throw e;
        }
        try {
            byte[] message = concat(kem.message(), dh.message());
            return new KeyAgreementResponse(message, concat(kem.sharedSecret(), dh.sharedSecret()),
                    new HybridKeyShare(ID, message, List.of(dh.ownShare())));
        } finally {
            Arrays.fill(kem.sharedSecret(), (byte) 0);
            Arrays.fill(dh.sharedSecret(), (byte) 0);
        }
    }

    /** Decapsulates the ciphertext and completes X25519; the secret is ML-KEM's then X25519's. */
    @Override
    public byte[] finish(KeyShare own, byte[] responderMessage) throws GeneralSecurityException {
        HybridKeyShare share = HybridKeyShare.of(own, ID);
        requireLength("responder's message (ML-KEM-768 ciphertext || X25519 public key)", responderMessage,
                responseLength());
        int split = mlKem.responseLength();
        byte[] kemSecret = mlKem.finish(share.part(0), Arrays.copyOfRange(responderMessage, 0, split));
        try {
            byte[] dhSecret = x25519.finish(share.part(1),
                    Arrays.copyOfRange(responderMessage, split, responderMessage.length));
            byte[] secret = concat(kemSecret, dhSecret);
            Arrays.fill(dhSecret, (byte) 0);
            return secret;
        } finally {
            Arrays.fill(kemSecret, (byte) 0);
        }
    }

    private static void requireLength(String what, byte[] value, int length) throws InvalidKeyException {
        if (value.length != length) {
            throw new InvalidKeyException("X25519MLKEM768 " + what + " must be " + length + " bytes, got "
                    + value.length);
        }
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }
}
