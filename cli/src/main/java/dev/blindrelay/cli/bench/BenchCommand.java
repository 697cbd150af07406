package dev.blindrelay.cli.bench;

import com.google.inject.Injector;
import dev.blindrelay.cli.Command;
import dev.blindrelay.cli.Console;
import dev.blindrelay.cli.Plugins;
import dev.blindrelay.cli.Wiring;
import dev.blindrelay.cli.config.Settings;
import dev.blindrelay.spi.Connector;
import dev.blindrelay.spi.Transport;
import dev.blindrelay.spi.TransportOptions;
import dev.blindrelay.suite.CipherSuite;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;

/**
 * {@code blindrelay bench}: load on a relay from many clients in this JVM, and the figures that say
 * how it held up: handshakes, messages per second, latency percentiles, the relay's heap, and a
 * verdict that every message arrived exactly once (exit code 1 when not).
 */
public final class BenchCommand implements Command {

    private static final String USAGE = "blindrelay bench [--clients N] [--rooms R] [--messages M] [--size BYTES]"
            + " [--suite ID] [--transport tcp|ws] [--relay HOST:PORT] [--raw [--baseline]] [--idle] [--json FILE]";

    @Override
    public String name() {
        return "bench";
    }

    @Override
    public String summary() {
        return "load a relay with many clients and report throughput, latency, heap and losses";
    }

    @Override
    public int run(String[] args, Console console) throws Exception {
        Settings settings = Settings.parse(name(), BenchOptions.KEYS, args);
        if (settings.helpRequested()) {
            console.out().print(Settings.help(USAGE, "Without --relay the relay runs in a child JVM, so its heap is"
                    + " measured apart from the clients. Figures are for comparing runs on one machine.",
                    BenchOptions.KEYS));
            return 0;
        }
        BenchOptions options = BenchOptions.from(settings);
        Injector injector = Wiring.injector(Plugins.load(console.err()), options.suite(),
                List.of(options.transport()), Wiring.instance(Settings.class, settings));
        CipherSuite suite = injector.getInstance(CipherSuite.class);
        Transport transport = injector.getInstance(Transport.class);

        Report report = new Report();
        describe(report, options, suite);
        Verdict verdict;
        if (options.mode() == BenchOptions.Mode.RAW) {
            verdict = raw(options, report);
        } else {
            try (Connector connector = transport.connector(
                    TransportOptions.defaults().withIoThreads(options.ioThreads()))) {
                verdict = chat(options, suite, connector, report);
            }
        }
        report.section("verdict");
        Figures.verdict(report, verdict);
        report.print(console.out());
        verdict.examples().forEach(line -> console.out().println("  problem: " + line));
        if (options.json() != null) {
            Files.writeString(options.json(), report.toJson(), StandardCharsets.UTF_8);
            console.out().println("Figures written to " + options.json());
        }
        return verdict.ok() ? 0 : 1;
    }

    private static Verdict chat(BenchOptions options, CipherSuite suite, Connector connector, Report report)
            throws IOException, InterruptedException {
        try (Target target = relay(options)) {
            report.section(options.mode() == BenchOptions.Mode.IDLE ? "idle clients" : "encrypted chat")
                    .text("target", "target", target.describe());
            return new ChatLoad(options, suite, connector, target).run(report);
        }
    }

    private static Verdict raw(BenchOptions options, Report report)
            throws IOException, InterruptedException {
        Verdict verdict;
        try (Target target = relay(options)) {
            report.section("raw frames through the relay").text("target", "target", target.describe());
            verdict = new RawLoad(options).run(target, report, "raw", true);
        }
        if (!options.baseline()) {
            return verdict;
        }
        try (Target forwarder = ChildTarget.forwarder()) {
            report.section("the same frames through the plain forwarder")
                    .text("baseline_target", "target", forwarder.describe());
            verdict = verdict.and(new RawLoad(options).run(forwarder, report, "baseline", false));
        }
        report.section("relay versus plain forwarder")
                .number("relay_vs_forwarder", "relay throughput / forwarder throughput",
                        report.value("raw_per_second") / report.value("baseline_per_second"), "x");
        return verdict;
    }

    private static Target relay(BenchOptions options) throws IOException {
        return !options.relays().isEmpty() ? new ExternalRelay(options.relays())
                : ChildTarget.relay(options.transport(), options.ioThreads());
    }

    private static void describe(Report report, BenchOptions options, CipherSuite suite) {
        report.section("setup")
                .text("mode", "mode", options.mode().name().toLowerCase())
                .number("clients", "clients", options.clients(), "")
                .number("rooms", "rooms", options.rooms(), "")
                .number("messages", "messages per sender (measured)", options.messages(), "")
                .number("size", "message size", options.size(), "bytes")
                .text("suite", "suite", options.mode() == BenchOptions.Mode.RAW ? "none (raw frames)" : suite.id())
                .text("transport", "transport", options.transport())
                .number("io_threads", "io threads (relay; clients' connector)", options.ioThreads(), "")
                .text("machine", "machine", Runtime.getRuntime().availableProcessors() + " CPUs, Java "
                        + Runtime.version().feature() + ", netty leak detection "
                        + System.getProperty("io.netty.leakDetection.level", "default (simple)"));
    }
}
