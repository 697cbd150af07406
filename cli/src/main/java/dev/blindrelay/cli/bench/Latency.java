package dev.blindrelay.cli.bench;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Latencies in nanoseconds, recorded from any number of transport threads without locking
 * (HdrHistogram's {@link Recorder}), read once at the end.
 */
final class Latency {

    private final Recorder recorder = new Recorder(3);
    private Histogram total;

    /** A histogram for one thread of its own to record into, then {@link #add} at the end. */
    static Histogram newHistogram() {
        return new Histogram(3);
    }

    /** Latencies recorded elsewhere (by one thread, without locking). */
    synchronized void add(Histogram recorded) {
        histogram().add(recorded);
    }

    void record(long nanos) {
        recorder.recordValue(Math.max(0, nanos));
    }

    /** Everything recorded so far; later calls return the same histogram plus what came since. */
    synchronized Histogram histogram() {
        Histogram interval = recorder.getIntervalHistogram();
        if (total == null) {
            total = interval;
        } else {
            total.add(interval);
        }
        return total;
    }

    /** The value at {@code percentile} (0-100) in microseconds, or NaN when nothing was recorded. */
    double micros(double percentile) {
        Histogram histogram = histogram();
        return histogram.getTotalCount() == 0 ? Double.NaN : histogram.getValueAtPercentile(percentile) / 1e3;
    }

    long count() {
        return histogram().getTotalCount();
    }
}
