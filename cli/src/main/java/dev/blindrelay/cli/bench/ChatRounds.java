package dev.blindrelay.cli.bench;

import dev.blindrelay.session.SessionKind;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The chat load {@code --repeat} times against the same relay, and each round's figures with their medians: the
 * throughput and the handshake's median latency vary from minute to minute on a shared machine, so one round is
 * a sample, not a figure. With several session types ({@code --session ratchet,static}) the types take turns in
 * each round, so that a noisy machine slows all alike, and the ratio of their medians is the figure. The first
 * load warms the JIT up; the others do not need to. The first round is reported in full.
 */
final class ChatRounds {

    /** A figure that each round may report: a handshake-only run has no throughput. */
    private record Figure(String key, String label, String unit) {
    }

    /** One figure's values, round by round, under the label it is printed with. */
    private record Series(String label, String unit, List<Double> values) {
    }

    private static final List<Figure> FIGURES = List.of(
            new Figure("messages_per_second", "delivered per second", "msg/s"),
            new Figure("handshake_p50_us", "handshake through the relay p50", "us"));

    private ChatRounds() {
    }

    static Verdict run(BenchOptions options, List<SessionKind> kinds, Report report,
                       Function<SessionKind, ChatLoad> loads) throws IOException, InterruptedException {
        boolean severalKinds = kinds.size() > 1;
        Map<String, Series> rounds = new LinkedHashMap<>(); // by report key, in the order first seen
        Verdict verdict = null;
        for (int round = 0; round < options.repeat(); round++) {
            for (SessionKind kind : kinds) {
                Report part = new Report();
                Verdict one = loads.apply(kind).run(part, verdict == null);
                String prefix = severalKinds ? kind.id() + "_" : "";
                if (round == 0) {
                    (severalKinds ? report.section(kind.id() + " sessions") : report).include(part, prefix);
                }
                for (Figure figure : FIGURES) {
                    double value = part.value(figure.key());
                    if (!Double.isNaN(value)) {
                        rounds.computeIfAbsent(prefix + figure.key(), key -> new Series((severalKinds
                                ? kind.id() + ": " : "") + figure.label(), figure.unit(), new ArrayList<>()))
                                .values().add(value);
                    }
                }
                verdict = verdict == null ? one : verdict.and(one);
            }
        }
        report.section(severalKinds
                ? "session types side by side (" + options.repeat() + " round(s), taking turns; medians)"
                : options.repeat() + " rounds against the same relay (medians)");
        rounds.forEach((key, series) -> report
                .number(key + "_median", series.label() + ", median", Figures.median(series.values()), series.unit())
                .text(key + "_rounds", series.label() + ", each round", Figures.joined(series.values()) + " "
                        + series.unit()));
        if (kinds.contains(SessionKind.RATCHET) && kinds.contains(SessionKind.STATIC)) {
            report.number("ratchet_vs_static", "ratchet / static (medians)",
                    report.value("ratchet_messages_per_second_median")
                            / report.value("static_messages_per_second_median"), "x");
        }
        return verdict;
    }
}
