package dev.blindrelay.cli.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code bench --raw --baseline}: the same raw frames through our relay, the plain frame forwarder and the byte
 * copier (the loopback limit), each in its own child JVM, started once and kept for the whole run. With
 * {@code --repeat N} the three take turns N times, so that a busy machine slows all of them alike; each round gives
 * its own ratios and the figures are their medians. The first round reports everything (heap, latency, CPU per
 * frame); later rounds only their rates.
 */
final class BaselineComparison {

    private record Yardstick(String prefix, String title, Target target) {
    }

    private BaselineComparison() {
    }

    static Verdict run(BenchOptions options, Target relay, Report report) throws IOException, InterruptedException {
        try (Target forwarder = ChildTarget.forwarder(); Target copier = ChildTarget.copier()) {
            List<Yardstick> targets = List.of(
                    new Yardstick("raw", "raw frames through the relay", relay),
                    new Yardstick("baseline", "the same frames through the plain frame forwarder", forwarder),
                    new Yardstick("copier", "the same frames through the byte-copying forwarder (the loopback limit)",
                            copier));
            Map<String, List<Double>> rates = new LinkedHashMap<>();
            Verdict verdict = null;
            for (int round = 0; round < options.repeat(); round++) {
                for (Yardstick yardstick : targets) {
                    Report part = round == 0 ? report : new Report();
                    if (round == 0) {
                        part.section(yardstick.title()).text(key(yardstick, "target"), "target",
                                yardstick.target().describe());
                    }
                    Verdict one = new RawLoad(options).run(yardstick.target(), part, yardstick.prefix(),
                            round == 0 && yardstick.target() == relay);
                    rates.computeIfAbsent(yardstick.prefix(), k -> new ArrayList<>())
                            .add(part.value(yardstick.prefix() + "_per_second"));
                    verdict = verdict == null ? one : verdict.and(one);
                }
            }
            compare(options.repeat(), rates, report);
            return verdict;
        }
    }

    private static String key(Yardstick yardstick, String name) {
        return yardstick.prefix().equals("raw") ? name : yardstick.prefix() + "_" + name;
    }

    private static void compare(int repeat, Map<String, List<Double>> rates, Report report) {
        List<Double> relay = rates.get("raw");
        List<Double> toForwarder = ratios(relay, rates.get("baseline"));
        List<Double> toCopier = ratios(relay, rates.get("copier"));
        report.section("relay versus the baselines" + (repeat > 1 ? " (" + repeat + " rounds, taking turns; medians)"
                : ""));
        report.number("relay_vs_forwarder", "relay throughput / frame forwarder throughput",
                        Figures.median(toForwarder), "x")
                .number("relay_vs_copier", "relay throughput / byte-copier throughput",
                        Figures.median(toCopier), "x");
        if (repeat > 1) {
            report.text("relay_vs_copier_runs", "relay / byte copier, each round", Figures.joined(toCopier) + " x")
                    .text("raw_runs", "relay: delivered per second, each round", Figures.joined(relay) + " msg/s")
                    .text("copier_runs", "byte copier: delivered per second, each round",
                            Figures.joined(rates.get("copier")) + " msg/s");
        }
    }

    private static List<Double> ratios(List<Double> numerators, List<Double> denominators) {
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < numerators.size(); i++) {
            ratios.add(numerators.get(i) / denominators.get(i));
        }
        return ratios;
    }
}
