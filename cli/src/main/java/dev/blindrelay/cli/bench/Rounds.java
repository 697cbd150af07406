package dev.blindrelay.cli.bench;

import java.util.List;
import java.util.function.LongSupplier;
import java.util.function.LongUnaryOperator;

/**
 * A warm-up round, then the measured round, for any closed-loop load. The warm-up (a quarter of the
 * messages) lets the JIT compile the hot paths of the clients and the relay before the clock starts;
 * its messages are checked for loss like all others but not timed.
 */
final class Rounds {

    static final int WARMUP_DIVISOR = 4;

    /** A load's sender: lets its sequence numbers below {@code limit} go out. */
    interface Sender {
        void sendUpTo(int limit);
    }

    /**
     * @param finished false when the load stopped making progress
     * @param nanos    from the start of the measured round to the last measured arrival
     * @param warmup   messages per sender in the warm-up round; sequence numbers from here on were timed
     */
    record Outcome(boolean finished, long nanos, int warmup) {
    }

    private Rounds() {
    }

    /**
     * @param progress     a count that grows as the load completes (e.g. deliveries plus acknowledgements)
     * @param progressAt   the value of {@code progress} once every sender sent its messages below a limit
     */
    static Outcome run(List<? extends Sender> senders, int messages, Traffic traffic, LongSupplier progress,
                       LongUnaryOperator progressAt) throws InterruptedException {
        int warmup = messages / WARMUP_DIVISOR;
        senders.forEach(sender -> sender.sendUpTo(warmup));
        if (!Progress.await(progress, progressAt.applyAsLong(warmup))) {
            return new Outcome(false, 0, warmup);
        }
        traffic.measureFrom(warmup);
        long start = System.nanoTime();
        senders.forEach(sender -> sender.sendUpTo(warmup + messages));
        boolean finished = Progress.await(progress, progressAt.applyAsLong(warmup + messages));
        return new Outcome(finished, Math.max(1, traffic.lastArrivalNanos() - start), warmup);
    }
}
