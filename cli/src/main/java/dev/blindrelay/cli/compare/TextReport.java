package dev.blindrelay.cli.compare;

import dev.blindrelay.cli.compare.ProviderComparison.ProviderRate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The console form of a {@link CompareReport}: aligned tables with the unit in every header. */
final class TextReport {

    private TextReport() {
    }

    static String render(CompareReport report) {
        StringBuilder text = new StringBuilder();
        text.append("BlindRelay cipher-suite comparison, measured ").append(report.machine().date()).append('\n');
        text.append("Machine: ").append(report.machine().summary()).append('\n');
        text.append(report.method()).append('\n');
        if (!report.machine().busyWarning().isEmpty()) {
            text.append(report.machine().busyWarning()).append('\n');
        }
        text.append('\n');
        text.append("Speed (higher is better)\n").append(speed(report)).append('\n');
        text.append("Bytes on the wire\n").append(wire(report));
        text.append("TCP adds a ").append(WireCost.TCP_PREFIX).append("-byte length prefix to every frame; "
                + "per message = envelope header + ratchet fields (17 B) + AEAD tag.\n\n");
        text.append("Ratchet (the default session) against static keys, measured side by side\n")
                .append(ratchet(report));
        text.append("per message: envelope header + the session's fields + tag; a step's keys ride on the messages "
                + "of a new epoch until the peer has seen it. msgs/s: one side seals, the other opens, no step; "
                + "steps/s: every message a step (respond + generate, then finish).\n\n");
        text.append("Components\n").append(components(report)).append('\n');
        text.append("Providers: the same algorithm and the same bytes on the wire, another implementation "
                + "(* = the one the suite uses)\n");
        report.providers().forEach(comparison -> text.append(providers(comparison)));
        return text.toString();
    }

    private static String speed(CompareReport report) {
        List<String> header = new ArrayList<>(List.of("suite", ">handshakes/s", ">key agreements/s"));
        report.sizes().forEach(size -> header.add(">MB/s @" + Units.size(size)));
        TextTable table = new TextTable(header.toArray(String[]::new));
        for (SuiteMeasurement suite : report.suites()) {
            List<String> row = new ArrayList<>(List.of(suite.alias(), Units.rate(suite.handshakesPerSecond()),
                    Units.rate(suite.agreementsPerSecond())));
            suite.megabytesPerSecond().forEach(rate -> row.add(Units.rate(rate)));
            table.row(row);
        }
        return table.render();
    }

    private static String wire(CompareReport report) {
        TextTable table = new TextTable("suite", "handshake frames (init + response + finish)",
                ">handshake over TCP", ">per message", ">per message over TCP");
        for (SuiteMeasurement suite : report.suites()) {
            WireCost wire = suite.wire();
            table.row(suite.alias(), wire.initFrame() + " + " + wire.responseFrame() + " + " + wire.finishFrame()
                            + " = " + wire.handshakeFrames() + " B", wire.handshakeOverTcp() + " B",
                    wire.messageOverhead() + " B", wire.messageOverheadOverTcp() + " B");
        }
        return table.render();
    }

    private static String ratchet(CompareReport report) {
        TextTable table = new TextTable("suite", ">per message: static", ">ratchet", ">+ a step's keys",
                ">msgs/s @" + Units.size(RatchetBenchmark.SIZE) + " static", ">ratchet", ">ratchet/static",
                ">asymmetric steps/s");
        for (SuiteMeasurement suite : report.suites()) {
            WireCost wire = suite.wire();
            RatchetCost cost = suite.ratchet();
            table.row(suite.alias(), wire.staticOverhead() + " B", wire.messageOverhead() + " B (+"
                            + wire.ratchetAdds() + ")", "+" + wire.stepAdds() + " B",
                    Units.rate(cost.staticPerSecond()), Units.rate(cost.ratchetPerSecond()),
                    String.format(java.util.Locale.ROOT, "%.2fx", cost.ratio()), Units.rate(cost.stepsPerSecond()));
        }
        return table.render();
    }

    private static String components(CompareReport report) {
        TextTable table = new TextTable("suite", "part", "id", "provider", "sizes");
        Map<String, String> security = new LinkedHashMap<>();
        for (SuiteMeasurement suite : report.suites()) {
            boolean first = true;
            for (Component part : suite.components()) {
                table.row(first ? suite.alias() : "", part.role(), part.id(), part.provider(), part.sizes());
                security.putIfAbsent(part.id(), part.securityNote().isEmpty() ? "-" : part.securityNote());
                first = false;
            }
        }
        StringBuilder text = new StringBuilder(table.render());
        for (SuiteMeasurement suite : report.suites()) {
            if (!suite.alias().equals(suite.id())) {
                text.append(suite.alias()).append(" = ").append(suite.id()).append('\n');
            }
        }
        // Descriptions are long sentences: listed once per component, under the table, not as a column.
        text.append("\nSecurity properties\n");
        int width = security.keySet().stream().mapToInt(String::length).max().orElse(0);
        security.forEach((id, note) -> text.append("  ").append(id).append(" ".repeat(width - id.length()))
                .append("  ").append(note).append('\n'));
        return text.toString();
    }

    private static String providers(ProviderComparison comparison) {
        StringBuilder text = new StringBuilder("\n" + comparison.primitive() + " (" + comparison.kind() + "), "
                + comparison.unit() + ":\n");
        int last = comparison.columns().size() - 1;
        List<String> header = new ArrayList<>(List.of("provider"));
        comparison.columns().forEach(column -> header.add(">" + column));
        boolean atSize = comparison.kind().equals("AEAD") && comparison.columns().size() > 1;
        header.add(atSize ? "vs * at " + comparison.columns().get(last) : "vs *");
        TextTable table = new TextTable(header.toArray(String[]::new));
        for (ProviderRate rate : comparison.rates()) {
            List<String> row = new ArrayList<>(List.of(rate.provider() + (rate.plugin() ? " *" : "")));
            rate.values().forEach(value -> row.add(Units.rate(value)));
            row.add(rate.plugin() ? "" : comparison.relative(rate, last));
            table.row(row);
        }
        table.render().lines().forEach(line -> text.append("  ").append(line).append('\n'));
        if (comparison.variants().isEmpty()) {
            text.append("  no other provider offers ").append(comparison.primitive())
                    .append(" here (its providerVariants() is empty)\n");
        }
        comparison.verdicts().forEach(line -> text.append("  -> ").append(line).append('\n'));
        return text.toString();
    }
}
