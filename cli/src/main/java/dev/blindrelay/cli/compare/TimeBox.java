package dev.blindrelay.cli.compare;

import java.security.GeneralSecurityException;
import java.time.Duration;

/**
 * Runs one operation again and again for a fixed time and reports how many per second. A plain
 * {@link System#nanoTime()} loop, not JMH: the numbers are for comparing suites with one another on
 * the same machine in the same run, where a loop is accurate enough and needs no forked JVM.
 */
final class TimeBox {

    /** Untimed runs first, so the JIT has compiled the hot path before the clock starts. */
    static final double WARMUP_FRACTION = 0.25;
    /**
     * The time box is cut into slices and the fastest slice counts: another process taking the CPU, a
     * GC pause or a late JIT compilation only ever slows a slice down, so the best one is the closest
     * to what the code can do (on a busy 2-core machine single runs varied 3x, best slices far less).
     */
    static final int SLICES = 5;

    private final long measureNanos;
    private final long warmupNanos;
    /** Results are folded in here so the JIT cannot drop an operation whose result no one reads. */
    private volatile long sink;

    TimeBox(Duration measure) {
        if (measure.isNegative() || measure.isZero()) {
            throw new IllegalArgumentException("a time box must be positive, got " + measure);
        }
        this.measureNanos = measure.toNanos();
        this.warmupNanos = Math.max(1, (long) (measureNanos * WARMUP_FRACTION));
    }

    Duration measure() {
        return Duration.ofNanos(measureNanos);
    }

    Duration warmup() {
        return Duration.ofNanos(warmupNanos);
    }

    /**
     * Operations per second in the fastest slice; runs the operation at least once per slice, so the
     * result is never zero.
     */
    double perSecond(Operation operation) throws GeneralSecurityException {
        warmUp(operation);
        double best = 0;
        for (int slice = 0; slice < SLICES; slice++) {
            long start = System.nanoTime();
            long count = loop(operation, measureNanos / SLICES);
            long elapsed = Math.max(1, System.nanoTime() - start);
            best = Math.max(best, count * 1e9 / elapsed);
        }
        return best;
    }

    /** Runs {@code operation} untimed for the warm-up time. */
    void warmUp(Operation operation) throws GeneralSecurityException {
        loop(operation, warmupNanos);
    }

    private long loop(Operation operation, long nanos) throws GeneralSecurityException {
        long deadline = System.nanoTime() + nanos;
        long count = 0;
        long folded = 0;
        do {
            folded += operation.run();
            count++;
        } while (System.nanoTime() < deadline);
        sink += folded;
        return count;
    }

    /** One timed step; returns any number derived from its result (a length will do). */
    @FunctionalInterface
    interface Operation {
        long run() throws GeneralSecurityException;
    }
}
