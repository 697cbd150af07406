package dev.blindrelay.handshake;

import dev.blindrelay.spi.KeyAgreement;
import dev.blindrelay.spi.KeyShare;

import java.security.GeneralSecurityException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;

/**
 * Ephemeral key shares made ahead of time, on another core, while a client waits anyway: for message 1 while its
 * JOIN travels to the relay and back, for message 2 as soon as a member joins (whose INIT follows). The handshake
 * then skips its key generation (on P-256 about a third of its computation). At most one spare per key agreement
 * and role; each is handed out once, and a handshake that finds none makes its own at once. Spares still unused
 * when the client closes are destroyed. One per client.
 */
public final class SpareKeyShares implements EphemeralKeys {

    private final Executor background;
    private final Map<String, KeyShare> spares = new ConcurrentHashMap<>();
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

    /** Starts making a share for message 2, unless one is spare already or the key agreement has none. */
    public void prepareResponse(KeyAgreement keyAgreement) {
        prepare("response " + keyAgreement.id(), keyAgreement::responseShare);
    }

    @Override
    public KeyShare initiatorShare(KeyAgreement keyAgreement) throws GeneralSecurityException {
        KeyShare spare = spares.remove("initiator " + keyAgreement.id());
        return spare != null ? spare : keyAgreement.generate();
    }

    @Override
    public KeyShare responseShare(KeyAgreement keyAgreement) throws GeneralSecurityException {
        KeyShare spare = spares.remove("response " + keyAgreement.id());
        return spare != null ? spare : keyAgreement.responseShare();
    }

    /** Destroys the spares; none is made from now on. */
    public void close() {
        closed = true;
        spares.keySet().forEach(this::destroy);
    }

    private interface Generation {
        KeyShare make() throws GeneralSecurityException;
    }

    private void prepare(String slot, Generation generation) {
        if (closed || spares.containsKey(slot)) {
            return;
        }
        background.execute(() -> {
            KeyShare made;
            try {
                made = generation.make();
            } catch (GeneralSecurityException | RuntimeException e) {
                return; // the handshake makes its own, and reports what goes wrong then
            }
            if (made != null && spares.putIfAbsent(slot, made) != null) {
                made.destroy();
            }
            if (closed) {
                destroy(slot);
            }
        });
    }

    private void destroy(String slot) {
        KeyShare spare = spares.remove(slot);
        if (spare != null) {
            spare.destroy();
        }
    }
}
