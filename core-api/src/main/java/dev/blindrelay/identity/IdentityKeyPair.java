package dev.blindrelay.identity;

import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

import java.security.SecureRandom;
import java.util.Arrays;

/**
 * A long-term Ed25519 identity key. BouncyCastle's lightweight API takes raw 32-byte keys, which is
 * what goes on the wire, and signs several times faster than SunEC on Java 17.
 */
public final class IdentityKeyPair {

    public static final int PUBLIC_KEY_LENGTH = Ed25519PublicKeyParameters.KEY_SIZE;
    public static final int PRIVATE_KEY_LENGTH = Ed25519PrivateKeyParameters.KEY_SIZE;
    public static final int SIGNATURE_LENGTH = Ed25519PrivateKeyParameters.SIGNATURE_SIZE;

    private final Ed25519PrivateKeyParameters privateKey;
    private final byte[] publicKey;

    private IdentityKeyPair(Ed25519PrivateKeyParameters privateKey) {
        this.privateKey = privateKey;
        this.publicKey = privateKey.generatePublicKey().getEncoded();
    }

    public static IdentityKeyPair generate(SecureRandom random) {
        return new IdentityKeyPair(new Ed25519PrivateKeyParameters(random));
    }

    /** From the 32-byte private seed; the caller may zero {@code seed} afterwards. */
    public static IdentityKeyPair fromPrivateKey(byte[] seed) {
        if (seed.length != PRIVATE_KEY_LENGTH) {
            throw new IllegalArgumentException("an Ed25519 private key is " + PRIVATE_KEY_LENGTH + " bytes, got "
                    + seed.length);
        }
        return new IdentityKeyPair(new Ed25519PrivateKeyParameters(seed, 0));
    }

    public byte[] publicKey() {
        return publicKey.clone();
    }

    /** The 32-byte seed, for storing it in the owner-only key file. */
    public byte[] privateKey() {
        return privateKey.getEncoded();
    }

    public byte[] sign(byte[] message) {
        Ed25519Signer signer = new Ed25519Signer();
        signer.init(true, privateKey);
        signer.update(message, 0, message.length);
        return signer.generateSignature();
    }

    /** Strict verification: wrong lengths, non-canonical encodings and bad signatures all return false. */
    public static boolean verify(byte[] publicKey, byte[] message, byte[] signature) {
        if (publicKey.length != PUBLIC_KEY_LENGTH || signature.length != SIGNATURE_LENGTH) {
            return false;
        }
        Ed25519PublicKeyParameters key;
        try {
            key = new Ed25519PublicKeyParameters(publicKey, 0);
        } catch (IllegalArgumentException e) {
            return false;
        }
        Ed25519Signer verifier = new Ed25519Signer();
        verifier.init(false, key);
        verifier.update(message, 0, message.length);
        return verifier.verifySignature(signature);
    }

    @Override
    public String toString() {
        return "IdentityKeyPair[" + Fingerprint.hex(publicKey) + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IdentityKeyPair other && Arrays.equals(publicKey, other.publicKey);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(publicKey);
    }
}
