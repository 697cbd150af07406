package dev.blindrelay.cli.bench;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** The report rows that more than one load writes, worded and keyed the same everywhere. */
final class Figures {

    private static final double MIB = 1024.0 * 1024.0;

    private Figures() {
    }

    /** p50, p99 and p99.9 of {@code latency} in microseconds, under keys {@code <prefix>_p50_us} etc. */
    static void latency(Report report, String prefix, String what, Latency latency) {
        report.number(prefix + "_p50_us", what + " p50", latency.micros(50), "us")
                .number(prefix + "_p99_us", what + " p99", latency.micros(99), "us")
                .number(prefix + "_p999_us", what + " p99.9", latency.micros(99.9), "us");
    }

    /** How many messages per sender went before the measured round (more rounds while the target's JIT was busy). */
    static void warmup(Report report, String prefix, Rounds.Outcome outcome) {
        report.number(prefix + "_warmup", "warm-up per sender (until the JITs were quiet)", outcome.warmup(), "");
    }

    /** Frames or messages per second and their payload in MB/s (10^6 bytes) over {@code nanos}. */
    static void throughput(Report report, String prefix, long count, int bytesEach, long nanos) {
        double seconds = nanos / 1e9;
        report.number(prefix + "_per_second", "delivered per second", count / seconds, "msg/s")
                .number(prefix + "_mb_per_second", "payload throughput", count * (double) bytesEach / 1e6 / seconds,
                        "MB/s");
    }

    /** The relay's live heap (after a full GC, in its own JVM) before and with the clients. */
    static void heap(Report report, Target target, Optional<Target.HeapReading> before,
                     Optional<Target.HeapReading> with, int clients) {
        if (before.isEmpty() || with.isEmpty()) {
            report.text("relay_heap", "relay heap", "not measured (" + target.describe() + ")");
            return;
        }
        long delta = with.get().usedBytes() - before.get().usedBytes();
        report.number("relay_heap_before_mib", "relay heap before clients", before.get().usedBytes() / MIB, "MiB")
                .number("relay_heap_mib", "relay heap with clients", with.get().usedBytes() / MIB, "MiB")
                .number("relay_heap_per_client_bytes", "relay heap per client", (double) delta / clients, "bytes")
                .number("relay_rss_mib", "relay resident set (heap+direct+code)",
                        with.get().residentBytes() < 0 ? Double.NaN : with.get().residentBytes() / MIB, "MiB");
        target.connections().ifPresent(n -> report.number("relay_connections", "relay connections (its count)", n, ""));
    }

    static void verdict(Report report, Verdict verdict) {
        report.number("expected", "deliveries expected", verdict.expected(), "")
                .number("delivered", "deliveries (distinct)", verdict.delivered(), "")
                .number("duplicates", "duplicates", verdict.duplicates(), "")
                .number("problems", "other problems", verdict.problems(), "")
                .text("verdict", "verdict", verdict.line());
    }

    /** Each round's value as the report prints numbers, comma-separated. */
    static String joined(List<Double> values) {
        return values.stream().map(Report::format).collect(Collectors.joining(", "));
    }

    /** The middle value, or the mean of the two middle ones. */
    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }
}
