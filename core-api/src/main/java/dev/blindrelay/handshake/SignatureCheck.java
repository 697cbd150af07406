package dev.blindrelay.handshake;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.FutureTask;

/**
 * The check of a peer's handshake signature, started on another core while the handshake goes on with its own
 * work (the key agreement, its own signature), and awaited before anything is sent. Verifying is the costliest
 * step of a handshake, and the work beside it does not depend on its result, so on two cores this takes it off
 * the handshake's path.
 *
 * <p>Whoever comes first runs it: if no other thread has taken it up when it is awaited, the caller runs it
 * itself, so a busy machine waits no longer than it did in sequence. With one core, or while tracing (whose
 * events follow the steps in order), it runs at once on the caller's thread.
 */
final class SignatureCheck {

    private static final boolean SPARE_CORE = Runtime.getRuntime().availableProcessors() > 1;

    private final FutureTask<Boolean> task;
    private final HandshakeContext ctx;
    private final String label;

    private SignatureCheck(HandshakeContext ctx, String label, byte[] peerIdentity, byte[] transcriptHash,
                           byte[] signature) {
        this.ctx = ctx;
        this.label = label;
        this.task = new FutureTask<>(() -> HandshakeSteps.signatureValid(label, peerIdentity, transcriptHash,
                signature));
    }

    /** Starts checking {@code signature} of {@code transcriptHash} by {@code peerIdentity}. */
    static SignatureCheck start(HandshakeContext ctx, String label, byte[] peerIdentity, byte[] transcriptHash,
                                byte[] signature) {
        SignatureCheck check = new SignatureCheck(ctx, label, peerIdentity, transcriptHash, signature);
        if (SPARE_CORE && !ctx.tracer().enabled()) {
            ForkJoinPool.commonPool().execute(check.task);
        } else {
            check.task.run();
        }
        return check;
    }

    /**
     * Waits for the result (running the check here if nobody started it yet).
     *
     * @throws HandshakeException when the signature does not verify
     */
    void await() throws HandshakeException {
        task.run(); // does nothing when another thread runs it or ran it
        boolean valid;
        try {
            valid = task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HandshakeException("interrupted while checking the " + label + " from " + ctx.peer());
        } catch (ExecutionException e) {
            throw new IllegalStateException("checking the " + label + " failed", e.getCause());
        }
        if (!valid) {
            throw HandshakeSteps.notVerified(ctx, label);
        }
    }
}
