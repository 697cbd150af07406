package dev.blindrelay.session.ratchet;

import dev.blindrelay.session.ReplayException;
import dev.blindrelay.session.SessionOptions;
import dev.blindrelay.spi.KeyAgreement;
import dev.blindrelay.spi.KeyAgreementResponse;
import dev.blindrelay.spi.KeyShare;

import javax.crypto.AEADBadTagException;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Every key of one side of a Double Ratchet, and the rules that move them (PROTOCOL.md section 8). Not thread-safe:
 * {@link DoubleRatchet} calls it under its lock.
 *
 * <p>Epochs number the sending chains: 1 is each side's chain from the handshake; after that the responder's chains
 * are even and the initiator's odd. A side <em>steps</em> when it holds a share of the peer's it has not answered:
 * it answers it with {@link KeyAgreement#respond} (the secret goes into the root key and gives its new sending
 * chain) and publishes a fresh {@link KeyAgreement#generate} share for the peer to answer in turn; the peer gets the
 * same secret with {@link KeyAgreement#finish} on its own share. So the two sides take turns, one secret per turn,
 * whatever the key agreement: Diffie-Hellman, a KEM or a hybrid.
 */
final class RatchetState {

    static final long MAX_EPOCH = 0xFFFF_FFFFL;

    private final KeyAgreement keyAgreement;
    private final RatchetKdf kdf;
    private final boolean initiator;
    private final String peer;
    private final SessionOptions options;
    private final RatchetTrace trace;

    private final RootChain root;
    private SymmetricChain sending;
    private SymmetricChain receiving;
    private final SkippedKeys skipped;
    /** Our latest published share, until the peer answers it. */
    private HeldShare ownShare;
    /** The peer's latest share, until we answer it, and the epoch that brought it. */
    private byte[] peerShare;
    private long peerShareEpoch;
    /** What our sending epoch attaches until the peer shows it has seen that epoch. */
    private byte[] stepResponse;
    private byte[] stepShare;
    /** Messages in our previous sending chain. */
    private long previous;
    /** The latest of the peer's epochs we received a message of, and the latest of ours the peer says it has. */
    private long seenEpoch;
    private long peerSeen;
    private long lastStepNanos;
    private boolean stepped;
    /** The initiator's first share, not made yet: see {@link #makeFirstShare}. */
    private boolean firstSharePending;

    RatchetState(KeyAgreement keyAgreement, RatchetKdf kdf, boolean initiator, String peer, SessionOptions options,
                 RatchetTrace trace, RatchetKeys keys) throws GeneralSecurityException {
        this.keyAgreement = keyAgreement;
        this.kdf = kdf;
        this.initiator = initiator;
        this.peer = peer;
        this.options = options;
        this.trace = trace;
        this.root = new RootChain(kdf, keys.rootKey().clone());
        byte[] i2r = keys.i2rChainKey().clone();
        byte[] r2i = keys.r2iChainKey().clone();
        this.sending = new SymmetricChain(kdf, 1, initiator ? i2r : r2i);
        this.receiving = new SymmetricChain(kdf, 1, initiator ? r2i : i2r);
        this.skipped = new SkippedKeys(options.maxSkipped());
        this.firstSharePending = initiator;
    }

    /**
     * The first turn: the initiator's epoch 1 carries a share (and answers nothing); the responder's first step
     * answers it. Made when first needed (the first message, a message that may answer it, a thief's copy), not
     * when the handshake makes this state: a key generation less on the handshake's path, before its FINISH goes
     * out, and nothing that anyone can see comes out differently.
     */
    private void makeFirstShare() throws GeneralSecurityException {
        if (!firstSharePending) {
            return;
        }
        ownShare = new HeldShare(keyAgreement.generate());
        firstSharePending = false;
        stepResponse = new byte[0];
        stepShare = ownShare.share().publicBytes();
        trace.firstShare(ownShare.share());
    }

    /**
     * A thief's copy of this state: every key is copied, and the unanswered share is shared (see {@link HeldShare}).
     */
    StolenRatchet steal(dev.blindrelay.spi.Aead aead, String self) {
        try {
            makeFirstShare(); // the thief copies the share this state would have had from the start
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot make the first ratchet share: " + e.getMessage(), e);
        }
        List<byte[]> kept = skipped.copyOfAll();
        return new StolenRatchet(aead, keyAgreement, self, options.maxSkipped(), root.copy(), sending.copy(),
                receiving.copy(), kept, ownShare == null ? null : ownShare.retain());
    }

    // ---- sending ----

    /** The header and message key of the next message to send, stepping first when a step is due. */
    Outgoing next() throws GeneralSecurityException {
        makeFirstShare();
        if (peerShare != null && stepDue()) {
            step();
        }
        long n = sending.next();
        if (n > SymmetricChain.MAX_NUMBER) {
            throw new GeneralSecurityException("sent 2^32 messages to " + peer + " without a reply to ratchet with; "
                    + "reconnect for a new session");
        }
        long epoch = sending.epoch();
        boolean attach = stepShare != null && peerSeen < epoch;
        RatchetHeader header = new RatchetHeader(epoch, n, previous, seenEpoch, attach ? stepResponse : null,
                attach ? stepShare : null);
        byte[] chainKey = trace.enabled() ? sending.keyForTrace() : null;
        return new Outgoing(header, sending.nextMessageKey(), chainKey);
    }

    private boolean stepDue() {
        return !stepped || System.nanoTime() - lastStepNanos >= options.stepInterval().toNanos();
    }

    /** Answers the peer's share, mixes the secret into the root key, starts a sending chain, publishes a new share. */
    private void step() throws GeneralSecurityException {
        byte[] answered = peerShare;
        long epoch = peerShareEpoch + 1;
        peerShare = null; // answered now, or refused for good
        if (epoch > MAX_EPOCH) {
            throw new GeneralSecurityException("the session with " + peer + " used all 2^32 ratchet epochs; "
                    + "reconnect for a new session");
        }
        KeyAgreementResponse response;
        try {
            response = keyAgreement.respond(answered);
        } catch (GeneralSecurityException e) {
            throw new GeneralSecurityException(peer + " sent an invalid ratchet key share (" + e.getMessage()
                    + "); the session goes on without this step", e);
        }
        KeyShare fresh = null;
        try {
            fresh = keyAgreement.generate();
            byte[] rootBefore = trace.enabled() ? root.keyForTrace() : null;
            byte[] derived = root.derive(response.sharedSecret());
            byte[] chainKey = root.accept(derived);
            trace.sent(epoch, answered, response, rootBefore, root.keyForTrace(), chainKey, fresh);
            previous = sending.next();
            sending.destroy();
            sending = new SymmetricChain(kdf, epoch, chainKey);
            releaseOwnShare();
            ownShare = new HeldShare(fresh);
            fresh = null;
            stepResponse = response.message();
            stepShare = ownShare.share().publicBytes();
            lastStepNanos = System.nanoTime();
            stepped = true;
        } finally {
            response.destroy();
            if (fresh != null) {
                fresh.destroy();
            }
        }
    }

    /** The next message's header, its message key (owned by the caller) and, when tracing, its chain key. */
    record Outgoing(RatchetHeader header, byte[] messageKey, byte[] chainKey) {
    }

    // ---- receiving ----

    /**
     * The key for a message with {@code header}, computed without changing anything: {@link #commit} applies it once
     * the message has authenticated, {@link ReceiveAttempt#abandon} erases it otherwise.
     */
    ReceiveAttempt attempt(RatchetHeader header) throws GeneralSecurityException {
        long epoch = header.epoch();
        checkShape(header);
        byte[] kept = skipped.copyOf(epoch, header.n());
        if (kept != null) {
            return new ReceiveAttempt(kept, null, List.of(), 0, null, null, true);
        }
        if (epoch == receiving.epoch() && header.n() >= receiving.next()) {
            return inChain(receiving.copy(), header.n(), null, null);
        }
        if (epoch > receiving.epoch()) {
            return newEpoch(header);
        }
        throw new ReplayException("message #" + header.n() + " of epoch " + epoch + " from " + peer
                + " was replayed, or reordered after its key was used or dropped (next expected: #" + receiving.next()
                + " of epoch " + receiving.epoch() + ")");
    }

    /** The peer's epochs are 1 and then odd for the initiator, even for the responder; key material has its sizes. */
    private void checkShape(RatchetHeader header) throws AEADBadTagException {
        long epoch = header.epoch();
        boolean peerIsInitiator = !initiator;
        if (epoch != 1 && (epoch % 2 == 1) != peerIsInitiator) {
            throw forged("epoch " + epoch + " is not one of " + peer + "'s");
        }
        if (!header.hasKeys()) {
            return;
        }
        int expectedResponse = epoch == 1 ? 0 : keyAgreement.responseLength();
        if (epoch == 1 && !peerIsInitiator || header.response().length != expectedResponse
                || header.share().length != keyAgreement.publicKeyLength()) {
            throw forged("key material of the wrong size for " + keyAgreement.id());
        }
    }

    private ReceiveAttempt newEpoch(RatchetHeader header) throws GeneralSecurityException {
        makeFirstShare();
        if (header.epoch() != sending.epoch() + 1 || ownShare == null) {
            throw forged("epoch " + header.epoch() + " does not answer our latest key share");
        }
        if (!header.hasKeys()) {
            throw forged("epoch " + header.epoch() + " starts without its key material");
        }
        byte[] secret;
        try {
            secret = keyAgreement.finish(ownShare.share(), header.response());
        } catch (java.security.InvalidKeyException e) {
            throw forged("invalid ratchet key material: " + e.getMessage());
        }
        byte[] derived;
        try {
            derived = root.derive(secret);
        } finally {
            if (!trace.enabled()) {
                Arrays.fill(secret, (byte) 0);
            }
        }
        SymmetricChain chain = new SymmetricChain(kdf, header.epoch(), root.chainKeyOf(derived));
        try {
            return inChain(chain, header.n(), derived, trace.enabled() ? secret : null);
        } catch (GeneralSecurityException | RuntimeException e) {
            Arrays.fill(derived, (byte) 0);
            Arrays.fill(secret, (byte) 0);
            throw e;
        }
    }

    /** Moves {@code chain} (a copy) to message {@code n}, keeping the keys it passes for the store. */
    private ReceiveAttempt inChain(SymmetricChain chain, long n, byte[] rootDerived, byte[] secretForTrace)
            throws GeneralSecurityException {
        long from = chain.next();
        if (n - from > options.maxSkipped()) {
            chain.destroy();
            throw new SkippedTooFarException("message #" + n + " of epoch " + chain.epoch() + " from " + peer
                    + " is " + (n - from) + " messages ahead of #" + from + ", more than the " + options.maxSkipped()
                    + " this session keeps keys for: refused (the relay dropped too many, or forged it)");
        }
        List<byte[]> passed = chain.next() < n ? new ArrayList<>() : List.of();
        while (chain.next() < n) {
            passed.add(chain.nextMessageKey());
        }
        byte[] chainKey = trace.enabled() ? chain.keyForTrace() : null;
        return new ReceiveAttempt(chain.nextMessageKey(), chain, passed, from, rootDerived, secretForTrace, false,
                chainKey);
    }

    /** Applies an attempt whose message authenticated. */
    void commit(ReceiveAttempt attempt, RatchetHeader header) throws GeneralSecurityException {
        long epoch = header.epoch();
        if (attempt.late()) {
            skipped.erase(epoch, header.n());
        } else {
            if (attempt.rootDerived() != null) {
                // The peer's previous chain is our receiving chain: keep the keys of its messages not yet here.
                long behind = Math.max(0, header.previous() - receiving.next());
                keep(receiving, Math.min(behind, options.maxSkipped()));
                byte[] rootBefore = trace.enabled() ? root.keyForTrace() : null;
                byte[] chainKey = root.accept(attempt.rootDerived());
                trace.received(epoch, ownShare.share(), header.response(), attempt.secretForTrace(), rootBefore,
                        root.keyForTrace(), chainKey);
                Arrays.fill(chainKey, (byte) 0);
                releaseOwnShare();
                attempt.missedBefore(behind);
            }
            for (int i = 0; i < attempt.passed().size(); i++) {
                skipped.put(epoch, attempt.from() + i, attempt.passed().get(i));
            }
            receiving.destroy();
            receiving = attempt.chain();
        }
        attempt.erase();
        seenEpoch = Math.max(seenEpoch, epoch);
        peerSeen = Math.max(peerSeen, Math.min(header.seen(), sending.epoch()));
        if (header.hasKeys() && epoch > peerShareEpoch) {
            peerShare = header.share().clone();
            peerShareEpoch = epoch;
        }
    }

    /** Moves the receiving chain on by {@code count} messages, keeping their keys. */
    private void keep(SymmetricChain chain, long count) throws GeneralSecurityException {
        for (long i = 0; i < count; i++) {
            long n = chain.next();
            skipped.put(chain.epoch(), n, chain.nextMessageKey());
        }
    }

    // ---- ending ----

    private void releaseOwnShare() {
        if (ownShare != null) {
            ownShare.release();
            ownShare = null;
        }
    }

    void destroy() {
        root.destroy();
        sending.destroy();
        receiving.destroy();
        skipped.destroy();
        releaseOwnShare();
        firstSharePending = false;
    }

    int skippedKeys() {
        return skipped.size();
    }

    private AEADBadTagException forged(String what) {
        return new AEADBadTagException("message from " + peer + " cannot be genuine: " + what);
    }
}
