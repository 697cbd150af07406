package dev.blindrelay.session.ratchet;

import java.util.Arrays;
import java.util.List;

/**
 * The key for one received message, computed without changing the ratchet, and what applying it changes: a
 * receiving chain moved to the message, the keys of the messages it passed, and, for a new epoch, the root key's
 * next output. {@link RatchetState#commit} applies it once the message has authenticated; {@link #abandon} erases
 * it otherwise. Either way the message key is erased.
 */
final class ReceiveAttempt {
    private final byte[] messageKey;
    private final SymmetricChain chain;
    private final List<byte[]> passed;
    private final long from;
    private final byte[] rootDerived;
    private final byte[] secretForTrace;
    private final boolean late;
    private final byte[] chainKey;
    private long missedBefore;

    ReceiveAttempt(byte[] messageKey, SymmetricChain chain, List<byte[]> passed, long from, byte[] rootDerived,
                   byte[] secretForTrace, boolean late) {
        this(messageKey, chain, passed, from, rootDerived, secretForTrace, late, null);
    }

    ReceiveAttempt(byte[] messageKey, SymmetricChain chain, List<byte[]> passed, long from, byte[] rootDerived,
                   byte[] secretForTrace, boolean late, byte[] chainKey) {
        this.messageKey = messageKey;
        this.chain = chain;
        this.passed = passed;
        this.from = from;
        this.rootDerived = rootDerived;
        this.secretForTrace = secretForTrace;
        this.late = late;
        this.chainKey = chainKey;
    }

    byte[] messageKey() {
        return messageKey;
    }

    /** The chain key the message key came from, when tracing and known (not for a kept key). */
    byte[] chainKey() {
        return chainKey;
    }

    /** A key kept for a message that arrived late: nothing moves but the key store. */
    boolean late() {
        return late;
    }

    /** The receiving chain moved to just past this message, or null for a kept key. */
    SymmetricChain chain() {
        return chain;
    }

    /** The keys of the messages of this chain skipped before this one, numbered from {@link #from}. */
    List<byte[]> passed() {
        return passed;
    }

    long from() {
        return from;
    }

    /** The root key's next output, when this message starts a new epoch; else null. */
    byte[] rootDerived() {
        return rootDerived;
    }

    /** The key agreement's secret of a new epoch, kept only while tracing. */
    byte[] secretForTrace() {
        return secretForTrace;
    }

    /** Messages of the previous chain that were still missing when this one started a new epoch. */
    void missedBefore(long count) {
        missedBefore = count;
    }

    /** Messages skipped just before this one: the rest of the previous chain, then this chain's gap. */
    long missed() {
        return missedBefore + passed.size();
    }

    /** The message did not authenticate: nothing changes, and every key computed for it is erased. */
    void abandon() {
        if (chain != null) {
            chain.destroy();
        }
        passed.forEach(key -> Arrays.fill(key, (byte) 0));
        if (rootDerived != null) {
            Arrays.fill(rootDerived, (byte) 0);
        }
        erase();
    }

    /** Erases the message key (and the traced secret) once it has been used or refused. */
    void erase() {
        Arrays.fill(messageKey, (byte) 0);
        if (secretForTrace != null) {
            Arrays.fill(secretForTrace, (byte) 0);
        }
    }
}
