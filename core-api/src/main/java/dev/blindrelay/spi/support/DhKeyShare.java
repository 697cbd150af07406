package dev.blindrelay.spi.support;

import dev.blindrelay.spi.KeyShare;

import java.security.InvalidKeyException;
import java.util.Arrays;

/**
 * A Diffie-Hellman key pair as raw bytes. The private key is kept as bytes, never as a BigInteger or a JCA
 * key object, because only bytes can be wiped; it also lets a provider variant finish what the plugin
 * generated.
 */
final class DhKeyShare implements KeyShare {

    private final String keyAgreementId;
    private final byte[] privateKey;
    private final byte[] publicKey;
    private volatile boolean destroyed;

    DhKeyShare(String keyAgreementId, byte[] privateKey, byte[] publicKey) {
        this.keyAgreementId = keyAgreementId;
        this.privateKey = privateKey;
        this.publicKey = publicKey;
    }

    /** {@code share} as a share of key agreement {@code id}, or an InvalidKeyException. */
    static DhKeyShare of(KeyShare share, String id) throws InvalidKeyException {
        if (!(share instanceof DhKeyShare own) || !own.keyAgreementId.equals(id)) {
            throw new InvalidKeyException(id + " cannot finish with a key share made by another key agreement");
        }
        return own;
    }

    /**
     * A wiped key would still compute (X25519's clamping makes zero 2^254; P-256 would fail oddly), so a
     * destroyed share is refused explicitly.
     */
    byte[] privateKey() throws InvalidKeyException {
        if (destroyed) {
            throw new InvalidKeyException(keyAgreementId + " key share has been destroyed");
        }
        return privateKey;
    }

    @Override
    public byte[] publicBytes() {
        return publicKey.clone();
    }

    @Override
    public byte[] secretBytesForTrace() {
        return privateKey.clone();
    }

    @Override
    public void destroy() {
        destroyed = true;
        Arrays.fill(privateKey, (byte) 0);
    }
}
