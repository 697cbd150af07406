package dev.blindrelay.handshake;

import dev.blindrelay.spi.KeyAgreement;
import dev.blindrelay.spi.KeyShare;

import java.security.GeneralSecurityException;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.FutureTask;

/**
 * Ephemeral key shares made ahead of time, on another core, while a client waits anyway: for message 1 while its
 * JOIN travels to the relay and back, for message 2 as soon as a member joins (whose INIT follows). The handshake
 * then skips its key generation (on P-256 about a third of its computation). At most one spare per key agreement
 * and role, each handed out once. A handshake that comes before its spare is made waits for it (or makes it
 * itself, if no other thread has started it), so no key pair is made twice. Spares still unused when the client
 * closes are destroyed. One per client.
 */
public final class SpareKeyShares implements EphemeralKeys {

    private final Executor background;
    private final Map<String, FutureTask<KeyShare>> spares = new ConcurrentHashMap<>();
    private volatile boolean closed;

    public SpareKeyShares() {
        this(ForkJoinPool.commonPool());
    }

    SpareKeyShares(Executor background) {
        this.background = background;
    }

    /** Starts making a share for message 1, unless one is spare already. */
    public void prepareInitiator(KeyAgreement keyAgreement) {
        prepare("initiator " + keyAgreement.id(), keyAgreement::generate);
    }

    /** Starts making a share for message 2, unless one is spare already; none for a key agreement without one. */
    public void prepareResponse(KeyAgreement keyAgreement) {
        prepare("response " + keyAgreement.id(), keyAgreement::responseShare);
    }

    @Override
    public KeyShare initiatorShare(KeyAgreement keyAgreement) throws GeneralSecurityException {
        return take("initiator " + keyAgreement.id(), keyAgreement::generate);
    }

    @Override
    public KeyShare responseShare(KeyAgreement keyAgreement) throws GeneralSecurityException {
        return take("response " + keyAgreement.id(), keyAgreement::responseShare);
    }

    /** Destroys the spares; none is made from now on. */
    public void close() {
        closed = true;
        for (String slot : spares.keySet()) {
            FutureTask<KeyShare> spare = spares.remove(slot);
            if (spare != null) {
                destroy(spare);
            }
        }
    }

    private void prepare(String slot, Callable<KeyShare> generation) {
        if (closed || spares.containsKey(slot)) {
            return;
        }
        FutureTask<KeyShare> spare = new FutureTask<>(generation);
        if (spares.putIfAbsent(slot, spare) == null) {
            background.execute(spare);
            if (closed && spares.remove(slot, spare)) {
                destroy(spare); // closed meanwhile
            }
        }
    }

    private KeyShare take(String slot, Callable<KeyShare> generation) throws GeneralSecurityException {
        FutureTask<KeyShare> spare = spares.remove(slot);
        if (spare != null) {
            try {
                return result(spare);
            } catch (GeneralSecurityException | RuntimeException e) {
                // made on the spot below: the same call reports the failure, if it fails again
            }
        }
        try {
            return generation.call();
        } catch (GeneralSecurityException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The spare's share, made here if no other thread has started it, else waited for. */
    private static KeyShare result(FutureTask<KeyShare> spare) throws GeneralSecurityException {
        try {
            return CallerRuns.result(spare);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof GeneralSecurityException failure) {
                throw failure;
            }
            throw new IllegalStateException("making a key share failed", e.getCause());
        }
    }

    private static void destroy(FutureTask<KeyShare> spare) {
        try {
            KeyShare share = result(spare);
            if (share != null) {
                share.destroy();
            }
        } catch (GeneralSecurityException | RuntimeException e) {
            // nothing was made, so nothing is left to destroy
        }
    }
}
