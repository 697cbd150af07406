package dev.blindrelay.session.ratchet;

import java.security.GeneralSecurityException;
import java.util.Arrays;

/**
 * One direction's chain in one epoch: a chain key and the number of the next message. Each message key comes from
 * one step of the chain, and the step overwrites the chain key it came from, so nothing in the chain can give back
 * an earlier message key (forward secrecy per message).
 */
final class SymmetricChain {

    /** Message numbers are u32 on the wire. */
    static final long MAX_NUMBER = 0xFFFF_FFFFL;

    private final RatchetKdf kdf;
    private final long epoch;
    private final byte[] key;
    private long next;

    /** Takes ownership of {@code key}. */
    SymmetricChain(RatchetKdf kdf, long epoch, byte[] key) {
        this(kdf, epoch, key, 0);
    }

    private SymmetricChain(RatchetKdf kdf, long epoch, byte[] key, long next) {
        this.kdf = kdf;
        this.epoch = epoch;
        this.key = key;
        this.next = next;
    }

    long epoch() {
        return epoch;
    }

    /** The number of the message whose key {@link #nextMessageKey()} gives. */
    long next() {
        return next;
    }

    /** The key of message {@link #next()}, owned by the caller; the chain moves on and forgets where it was. */
    byte[] nextMessageKey() throws GeneralSecurityException {
        byte[] out = kdf.chainStep(key);
        System.arraycopy(out, 0, key, 0, key.length);
        byte[] messageKey = Arrays.copyOfRange(out, key.length, out.length);
        Arrays.fill(out, (byte) 0);
        next++;
        return messageKey;
    }

    /** An independent copy, to try a message without committing to it (or for a thief). */
    SymmetricChain copy() {
        return new SymmetricChain(kdf, epoch, key.clone(), next);
    }

    byte[] keyForTrace() {
        return key.clone();
    }

    void destroy() {
        Arrays.fill(key, (byte) 0);
    }
}
