package dev.blindrelay.cli.bench;

import dev.blindrelay.session.SessionKind;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The same chat load for several session types ({@code --session ratchet,static}) in one run, against the same
 * relay: the types take turns, {@code --repeat} times, so that a noisy machine slows both alike, and the figure is
 * the ratio of the medians. The first load warms the JIT up; the others do not need to.
 */
final class SessionComparison {

    private SessionComparison() {
    }

    static Verdict run(BenchOptions options, List<SessionKind> kinds, Report report,
                       Function<SessionKind, ChatLoad> loads) throws IOException, InterruptedException {
        Map<SessionKind, List<Double>> rates = new LinkedHashMap<>();
        Verdict verdict = null;
        for (int round = 0; round < options.repeat(); round++) {
            for (SessionKind kind : kinds) {
                Report part = new Report();
                Verdict one = loads.apply(kind).run(part, verdict == null);
                if (round == 0) {
                    report.section(kind.id() + " sessions").include(part, kind.id() + "_");
                }
                rates.computeIfAbsent(kind, k -> new ArrayList<>()).add(part.value("messages_per_second"));
                verdict = verdict == null ? one : verdict.and(one);
            }
        }
        report.section("session types side by side (" + options.repeat() + " round(s), taking turns; medians)");
        rates.forEach((kind, values) -> report
                .number(kind.id() + "_median_per_second", kind.id() + ": delivered per second, median", median(values),
                        "msg/s")
                .text(kind.id() + "_runs", kind.id() + ": each round", values.stream().map(Report::format)
                        .collect(Collectors.joining(", ")) + " msg/s"));
        if (rates.containsKey(SessionKind.RATCHET) && rates.containsKey(SessionKind.STATIC)) {
            report.number("ratchet_vs_static", "ratchet / static (medians)",
                    median(rates.get(SessionKind.RATCHET)) / median(rates.get(SessionKind.STATIC)), "x");
        }
        return verdict;
    }

    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }
}
