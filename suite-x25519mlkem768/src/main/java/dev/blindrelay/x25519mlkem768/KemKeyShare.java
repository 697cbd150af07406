package dev.blindrelay.x25519mlkem768;

import dev.blindrelay.spi.KeyShare;

import java.security.InvalidKeyException;
import java.util.Arrays;

/**
 * An ML-KEM decapsulation key with its encapsulation key. {@code K} is whatever the provider decapsulates with
 * (BouncyCastle's key parameters, or the JDK's {@code PrivateKey}); {@code wipe} erases what of it can be erased.
 */
final class KemKeyShare<K> implements KeyShare {

    private final String keyAgreementId;
    private final byte[] encapsulationKey;
    private final byte[] secretForTrace;
    private final K decapsulationKey;
    private final Runnable wipe;
    private volatile boolean destroyed;

    /**
     * @param secretForTrace the decapsulation key's bytes as the trace shows them; owned and wiped by this share
     */
    KemKeyShare(String keyAgreementId, byte[] encapsulationKey, byte[] secretForTrace, K decapsulationKey,
                Runnable wipe) {
        this.keyAgreementId = keyAgreementId;
        this.encapsulationKey = encapsulationKey;
        this.secretForTrace = secretForTrace;
        this.decapsulationKey = decapsulationKey;
        this.wipe = wipe;
    }

    /** {@code share} as a share of key agreement {@code id} holding a {@code type}, or an InvalidKeyException. */
    static <K> KemKeyShare<K> of(KeyShare share, String id, Class<K> type) throws InvalidKeyException {
        if (!(share instanceof KemKeyShare<?> own) || !own.keyAgreementId.equals(id)
                || !type.isInstance(own.decapsulationKey)) {
            throw new InvalidKeyException(id + " cannot finish with a key share made by another key agreement");
        }
        @SuppressWarnings("unchecked")
        KemKeyShare<K> typed = (KemKeyShare<K>) own;
        return typed;
    }

    K decapsulationKey() throws InvalidKeyException {
        if (destroyed) {
            throw new InvalidKeyException(keyAgreementId + " key share has been destroyed");
        }
        return decapsulationKey;
    }

    @Override
    public byte[] publicBytes() {
        return encapsulationKey.clone();
    }

    @Override
    public byte[] secretBytesForTrace() {
        return secretForTrace.clone();
    }

    @Override
    public void destroy() {
        destroyed = true;
        Arrays.fill(secretForTrace, (byte) 0);
        wipe.run();
    }
}
