package dev.blindrelay.cli.compare;

import dev.blindrelay.cli.compare.ProviderComparison.ProviderRate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The report as one self-contained HTML file: inline CSS, inline SVG charts, system fonts, no
 * network access of any kind, so it opens the same offline, in a mail or years later.
 *
 * <p>Element ids: {@code chart-handshakes}, {@code chart-throughput}, {@code chart-provider-<kind>-<id>}
 * (one per primitive), {@code wire-table}, {@code component-table}, {@code machine}.
 */
final class HtmlReport {

    private static final String STYLE = """
            :root { color-scheme: light; }
            body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", Arial, sans-serif;
                   margin: 0 auto; max-width: 1040px; padding: 24px; color: #1b1f24; background: #fff; }
            h1 { font-size: 26px; margin: 0 0 4px; }
            h2 { font-size: 20px; margin: 32px 0 8px; border-bottom: 1px solid #d0d7de; padding-bottom: 4px; }
            h3 { font-size: 16px; margin: 20px 0 4px; }
            p, li { line-height: 1.45; }
            .meta { color: #57606a; margin: 2px 0; }
            .warning { color: #9a6700; background: #fff8c5; padding: 4px 8px; margin: 6px 0; }
            svg.chart { display: block; max-width: 100%; height: auto; margin: 8px 0 4px; }
            svg.chart text { font-family: inherit; font-size: 13px; fill: #1b1f24; }
            svg.chart .chart-title { font-size: 15px; font-weight: 600; }
            svg.chart .category { font-weight: 600; }
            svg.chart .tick, svg.chart .axis-label { fill: #57606a; }
            svg.chart .gridline { stroke: #e4e8ec; }
            svg.chart .baseline { stroke: #57606a; }
            ul.verdicts li { font-weight: 600; }
            table { border-collapse: collapse; width: 100%; font-size: 13px; margin-top: 8px; }
            th, td { border: 1px solid #d0d7de; padding: 4px 6px; text-align: left; vertical-align: top; }
            th { background: #f6f8fa; }
            td.num { text-align: right; white-space: nowrap; }
            code { font-size: 12px; }
            """;

    /*
     * Records the size the browser's layout really gave each bar: a headless browser's --dump-dom then
     * shows that the charts rendered, which the markup alone cannot prove. Harmless where scripts are off.
     */
    private static final String MEASURE_BARS = """
            document.querySelectorAll('rect.bar').forEach(function (bar) {
              var box = bar.getBoundingClientRect();
              bar.setAttribute('data-rendered-width', box.width.toFixed(1));
              bar.setAttribute('data-rendered-height', box.height.toFixed(1));
            });
            """;

    private HtmlReport() {
    }

    static String render(CompareReport report) {
        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<title>BlindRelay cipher-suite comparison</title>\n<style>\n").append(STYLE)
                .append("</style>\n</head>\n<body>\n");
        html.append("<h1>BlindRelay cipher-suite comparison</h1>\n");
        html.append("<p class=\"meta\">Measured ").append(Html.escape(report.machine().date())).append(" on ")
                .append(Html.escape(report.machine().summary())).append("</p>\n");
        html.append("<p class=\"meta\">").append(Html.escape(report.method())).append("</p>\n");
        if (!report.machine().busyWarning().isEmpty()) {
            html.append("<p class=\"warning\">").append(Html.escape(report.machine().busyWarning())).append("</p>\n");
        }

        html.append("<h2>Handshakes</h2>\n<p>A full handshake is both ephemeral key pairs, the key agreement, "
                + "the key schedule, two Ed25519 signatures and two key confirmations; the key agreement alone "
                + "shows how much of that is the Diffie-Hellman.</p>\n").append(handshakes(report));
        html.append("<h2>Throughput</h2>\n<p>Alice seals a DATA frame and Bob opens it, through real sessions. "
                + "Small messages are dominated by the cost per call, large ones by the cipher.</p>\n")
                .append(throughput(report));
        html.append("<h2>Providers</h2>\n<p>The same algorithm with the same bytes on the wire, from another "
                + "implementation: only the speed differs.</p>\n");
        report.providers().forEach(comparison -> html.append(provider(comparison)));
        html.append("<h2>Bytes on the wire</h2>\n").append(wireTable(report));
        html.append("<h2>Ratchet against static keys</h2>\n<p>Ratchet sessions (the default) give every message its "
                + "own key and mix a new shared secret in at each turn; static sessions keep one key per direction. "
                + "Measured side by side in this run.</p>\n").append(ratchetTable(report));
        html.append("<h2>Components: sizes, providers and security</h2>\n").append(componentTable(report));
        html.append(machine(report));
        html.append("<script>\n").append(MEASURE_BARS).append("</script>\n</body>\n</html>\n");
        return html.toString();
    }

    private static String handshakes(CompareReport report) {
        SvgBarChart chart = new SvgBarChart("chart-handshakes", "Handshakes and key agreements per second",
                "operations per second, one thread (higher is better)",
                List.of("full handshake", "key agreement only"));
        report.suites().forEach(suite -> chart.group(suite.alias(),
                List.of(suite.handshakesPerSecond(), suite.agreementsPerSecond())));
        return chart.render();
    }

    private static String throughput(CompareReport report) {
        SvgBarChart chart = new SvgBarChart("chart-throughput", "Encrypt + decrypt throughput by message size",
                "MB/s of plaintext, one thread (higher is better)",
                report.suites().stream().map(SuiteMeasurement::alias).toList());
        for (int i = 0; i < report.sizes().size(); i++) {
            int column = i;
            chart.group(Units.size(report.sizes().get(i)),
                    report.suites().stream().map(suite -> suite.megabytesPerSecond().get(column)).toList());
        }
        return chart.render();
    }

    private static String provider(ProviderComparison comparison) {
        List<String> series = comparison.rates().stream()
                .map(rate -> rate.provider() + (rate.plugin() ? " (used by the suite)" : "")).toList();
        String id = "chart-provider-" + Html.slug(comparison.kind()) + "-" + Html.slug(comparison.primitive());
        SvgBarChart chart = new SvgBarChart(id, comparison.primitive() + " (" + comparison.kind() + ") by provider",
                comparison.unit() + ", one thread (higher is better)", series);
        for (int column = 0; column < comparison.columns().size(); column++) {
            List<Double> values = new ArrayList<>();
            for (ProviderRate rate : comparison.rates()) {
                values.add(rate.values().get(column));
            }
            chart.group(comparison.columns().get(column), values);
        }
        StringBuilder html = new StringBuilder(chart.render());
        if (comparison.variants().isEmpty()) {
            html.append("<p>No other provider offers ").append(Html.escape(comparison.primitive()))
                    .append(" here (its <code>providerVariants()</code> is empty).</p>\n");
        } else {
            html.append("<ul class=\"verdicts\">\n");
            comparison.verdicts().forEach(line -> html.append("<li>").append(Html.escape(line)).append("</li>\n"));
            html.append("</ul>\n");
        }
        return html.toString();
    }

    private static String wireTable(CompareReport report) {
        StringBuilder html = new StringBuilder("<table id=\"wire-table\">\n<tr><th>suite</th><th>id</th>"
                + "<th>handshake frames (init + response + finish)</th><th>handshake over TCP</th>"
                + "<th>per message</th><th>per message over TCP</th></tr>\n");
        for (SuiteMeasurement suite : report.suites()) {
            WireCost wire = suite.wire();
            html.append("<tr><td><b>").append(Html.escape(suite.alias())).append("</b></td><td><code>")
                    .append(Html.escape(suite.id())).append("</code></td>")
                    .append(number(wire.initFrame() + " + " + wire.responseFrame() + " + " + wire.finishFrame()
                            + " = " + wire.handshakeFrames() + " B"))
                    .append(number(wire.handshakeOverTcp() + " B")).append(number(wire.messageOverhead() + " B"))
                    .append(number(wire.messageOverheadOverTcp() + " B")).append("</tr>\n");
        }
        return html.append("</table>\n<p class=\"meta\">TCP adds a ").append(WireCost.TCP_PREFIX)
                .append("-byte length prefix to every frame. Per message = envelope header + ratchet fields "
                        + "(17 B) + AEAD tag.</p>\n").toString();
    }

    private static String ratchetTable(CompareReport report) {
        StringBuilder html = new StringBuilder("<table id=\"ratchet-table\">\n<tr><th>suite</th>"
                + "<th>per message: static</th><th>ratchet</th><th>+ a step's keys</th><th>msgs/s @"
                + Units.size(RatchetBenchmark.SIZE) + " static</th><th>ratchet</th><th>ratchet/static</th>"
                + "<th>asymmetric steps/s</th></tr>\n");
        for (SuiteMeasurement suite : report.suites()) {
            WireCost wire = suite.wire();
            RatchetCost cost = suite.ratchet();
            html.append("<tr><td><b>").append(Html.escape(suite.alias())).append("</b></td>")
                    .append(number(wire.staticOverhead() + " B"))
                    .append(number(wire.messageOverhead() + " B (+" + wire.ratchetAdds() + ")"))
                    .append(number("+" + wire.stepAdds() + " B")).append(number(Units.rate(cost.staticPerSecond())))
                    .append(number(Units.rate(cost.ratchetPerSecond())))
                    .append(number(String.format(java.util.Locale.ROOT, "%.2fx", cost.ratio())))
                    .append(number(Units.rate(cost.stepsPerSecond()))).append("</tr>\n");
        }
        return html.append("</table>\n<p class=\"meta\">A step's keys ride on the messages of a new epoch until "
                + "the peer has seen it. msgs/s: one side seals, the other opens, no step; steps/s: every message "
                + "a step (respond and generate, then finish).</p>\n").toString();
    }

    private static String componentTable(CompareReport report) {
        StringBuilder html = new StringBuilder("<table id=\"component-table\">\n<tr><th>suite</th><th>part</th>"
                + "<th>id</th><th>provider</th><th>sizes</th><th>security</th></tr>\n");
        for (SuiteMeasurement suite : report.suites()) {
            List<Component> parts = suite.components();
            for (int i = 0; i < parts.size(); i++) {
                Component part = parts.get(i);
                html.append("<tr>");
                if (i == 0) {
                    html.append("<td rowspan=\"").append(parts.size()).append("\"><b>")
                            .append(Html.escape(suite.alias())).append("</b></td>");
                }
                html.append("<td>").append(Html.escape(part.role())).append("</td><td><code>")
                        .append(Html.escape(part.id())).append("</code></td><td>").append(Html.escape(part.provider()))
                        .append("</td><td>").append(Html.escape(part.sizes())).append("</td><td>")
                        .append(part.securityNote().isEmpty() ? "-" : Html.escape(part.securityNote()))
                        .append("</td></tr>\n");
            }
        }
        return html.append("</table>\n<p class=\"meta\">Identity signatures are Ed25519 in every suite.</p>\n")
                .toString();
    }

    private static String number(String content) {
        return "<td class=\"num\">" + Html.escape(content) + "</td>";
    }

    private static String machine(CompareReport report) {
        Machine machine = report.machine();
        return "<h2>Machine</h2>\n<table id=\"machine\">\n"
                + row("CPU", machine.cpu()) + row("cores", Integer.toString(machine.cores()))
                + row("Java", machine.java()) + row("OS", machine.os()) + row("date", machine.date())
                + row("load average", machine.load() < 0 ? "unknown"
                : String.format(Locale.ROOT, "%.2f", machine.load()))
                + row("method", report.method()) + "</table>\n";
    }

    private static String row(String name, String value) {
        return "<tr><th>" + Html.escape(name) + "</th><td>" + Html.escape(value) + "</td></tr>\n";
    }
}
