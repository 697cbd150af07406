package dev.blindrelay.handshake;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.FutureTask;

/**
 * A handshake step that the work beside it does not depend on (checking the peer's signature, making our own),
 * started on another core and awaited before anything is sent. Signing and verifying are the costliest steps of
 * a handshake after the key agreement, so on two cores this takes one of them off the handshake's path.
 *
 * <p>Whoever comes first runs it: if no other thread has taken it up when it is awaited, the caller runs it
 * itself, so a busy machine waits no longer than it did in sequence. With one core, or while tracing (whose
 * events follow the steps one by one), it runs at once on the caller's thread.
 */
final class ParallelStep<T> {

    private static final boolean SPARE_CORE = Runtime.getRuntime().availableProcessors() > 1;

    private final FutureTask<T> task;

    private ParallelStep(Callable<T> step) {
        this.task = new FutureTask<>(step);
    }

    static <T> ParallelStep<T> start(HandshakeContext ctx, Callable<T> step) {
        ParallelStep<T> started = new ParallelStep<>(step);
        if (SPARE_CORE && !ctx.tracer().enabled()) {
            ForkJoinPool.commonPool().execute(started.task);
        } else {
            started.task.run();
        }
        return started;
    }

    /** The step's result, once it is done (run here if nobody started it yet). */
    T await() {
        try {
            return CallerRuns.result(task);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("a handshake step failed", e.getCause());
        }
    }
}
