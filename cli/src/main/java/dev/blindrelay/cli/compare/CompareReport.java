package dev.blindrelay.cli.compare;

import java.time.Duration;
import java.util.List;

/**
 * The whole result of one {@code blindrelay compare} run, which both reports render.
 *
 * @param machine   where and when
 * @param measure   time box of each measurement
 * @param warmup    untimed run before each measurement
 * @param sizes     plaintext sizes of the throughput columns, in bytes
 * @param suites    one per suite, in the order asked for
 * @param providers one per distinct key agreement and AEAD
 */
record CompareReport(Machine machine, Duration measure, Duration warmup, List<Integer> sizes,
                     List<SuiteMeasurement> suites, List<ProviderComparison> providers) {

    CompareReport {
        sizes = List.copyOf(sizes);
        suites = List.copyOf(suites);
        providers = List.copyOf(providers);
    }

    /** How the numbers were taken, in one sentence, for both reports. */
    String method() {
        return "Each figure is the fastest of " + TimeBox.SLICES + " slices of a single-threaded run of "
                + Units.seconds(measure) + ", after a dry run of everything and a " + Units.seconds(warmup)
                + " warm-up, in one JVM; MB = 10^6 bytes of plaintext sealed and opened. "
                + "Handshake frames are between " + InMemoryHandshake.INITIATOR + " and "
                + InMemoryHandshake.RESPONDER + " in room '" + InMemoryHandshake.ROOM + "'.";
    }
}
