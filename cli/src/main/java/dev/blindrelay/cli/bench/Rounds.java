package dev.blindrelay.cli.bench;

import java.util.List;
import java.util.function.LongSupplier;
import java.util.function.LongUnaryOperator;

/**
 * Warm-up rounds, then the measured round, for any closed-loop load. A warm-up round (a quarter of the
 * messages) lets the JIT compile the hot paths of the clients and the target before the clock starts; warm-up
 * rounds go on (up to {@link #MAX_WARMUP_ROUNDS}) while the JITs of this JVM (the clients) and of the target (when
 * it can say) spent more than {@link #JIT_QUIET} of a round compiling, so that neither is measured while its
 * compiler still takes a core. Warm-up messages are checked for loss like all others but not timed.
 */
final class Rounds {

    static final int WARMUP_DIVISOR = 4;
    static final int MAX_WARMUP_ROUNDS = 8;
    /** The share of a warm-up round's time that the target's JIT may compile for it to count as warm. */
    static final double JIT_QUIET = 0.02;

    /** A load's sender: lets its sequence numbers below {@code limit} go out. */
    interface Sender {
        void sendUpTo(int limit);
    }

    /**
     * @param finished false when the load stopped making progress
     * @param nanos    from the start of the measured round to the last measured arrival
     * @param warmup   messages per sender in the warm-up rounds; sequence numbers from here on were timed
     */
    record Outcome(boolean finished, long nanos, int warmup) {
    }

    private Rounds() {
    }

    /**
     * @param progress   a count that grows as the load completes (e.g. deliveries plus acknowledgements)
     * @param progressAt the value of {@code progress} once every sender sent its messages below a limit
     * @param target     what the load measures, asked for its JIT's compile time
     * @param measuring  runs once the warm-up is over, just before the measured round starts
     */
    static Outcome run(List<? extends Sender> senders, int messages, Traffic traffic, LongSupplier progress,
                       LongUnaryOperator progressAt, Target target, Runnable measuring) throws InterruptedException {
        int round = Math.max(1, messages / WARMUP_DIVISOR);
        int warmup = 0;
        for (int rounds = 1; ; rounds++) {
            long jitBefore = jitMillis(target);
            long start = System.nanoTime();
            warmup += round;
            if (!sendAndAwait(senders, warmup, progress, progressAt)) {
                return new Outcome(false, 0, warmup);
            }
            if (rounds == MAX_WARMUP_ROUNDS
                    || jitMillis(target) - jitBefore <= JIT_QUIET * (System.nanoTime() - start) / 1e6) {
                break;
            }
        }
        measuring.run();
        traffic.measureFrom(warmup);
        long start = System.nanoTime();
        boolean finished = sendAndAwait(senders, warmup + messages, progress, progressAt);
        return new Outcome(finished, Math.max(1, traffic.lastArrivalNanos() - start), warmup);
    }

    /**
     * Milliseconds the JITs of this JVM (the clients: a chat client's C2 still compiling took a third of its CPU in
     * the measured round) and of the target (when it can say) have compiled so far.
     */
    static long jitMillis(Target target) {
        return Math.max(0, RelayProcess.jitMillis()) + target.jitMillis().orElse(0);
    }

    private static boolean sendAndAwait(List<? extends Sender> senders, int limit, LongSupplier progress,
                                        LongUnaryOperator progressAt) throws InterruptedException {
        senders.forEach(sender -> sender.sendUpTo(limit));
        return Progress.await(progress, progressAt.applyAsLong(limit));
    }
}
