package dev.blindrelay.session.ratchet;

import java.security.GeneralSecurityException;
import java.util.Arrays;

/**
 * The root key. Each asymmetric step mixes one new shared secret into it and takes a new chain key out; the step
 * overwrites the old root key, so a thief who copies the root key later learns nothing about earlier chains.
 */
final class RootChain {

    private final RatchetKdf kdf;
    private final byte[] key;

    /** Takes ownership of {@code key}. */
    RootChain(RatchetKdf kdf, byte[] key) {
        this.kdf = kdf;
        this.key = key;
    }

    /** {@code RK' || CK} from this root key and {@code secret}; nothing changes until {@link #accept}. */
    byte[] derive(byte[] secret) throws GeneralSecurityException {
        return kdf.rootStep(key, secret);
    }

    /** Adopts {@code RK'} from {@link #derive}'s output, zeroes that output, and returns the new chain key. */
    byte[] accept(byte[] derived) {
        int length = key.length;
        System.arraycopy(derived, 0, key, 0, length);
        byte[] chainKey = Arrays.copyOfRange(derived, length, 2 * length);
        Arrays.fill(derived, (byte) 0);
        return chainKey;
    }

    /** The chain key inside {@link #derive}'s output, as a new array. */
    byte[] chainKeyOf(byte[] derived) {
        return Arrays.copyOfRange(derived, key.length, 2 * key.length);
    }

    RatchetKdf kdf() {
        return kdf;
    }

    RootChain copy() {
        return new RootChain(kdf, key.clone());
    }

    byte[] keyForTrace() {
        return key.clone();
    }

    void destroy() {
        Arrays.fill(key, (byte) 0);
    }
}
