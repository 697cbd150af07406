package dev.blindrelay.cli.bench;

import dev.blindrelay.session.SessionKind;
import dev.blindrelay.session.SessionOptions;
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
            + " [--suite ID] [--session ratchet|static|ratchet,static] [--one-way] [--transport tcp|ws] [--relay HOST:PORT,...] [--nats URLS] [--raw [--baseline]] [--idle] [--stall] [--versus-raw]"
            + " [--json FILE]";

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
        DescriptorLimit.check(options.clients());
        Injector injector = Wiring.injector(Plugins.load(console.err()), options.suite(),
                List.of(options.transport()), Wiring.instance(Settings.class, settings));
        CipherSuite suite = injector.getInstance(CipherSuite.class);
        Transport transport = injector.getInstance(Transport.class);

        Report report = new Report();
        describe(report, options, suite);
        Verdict verdict = options.relays().size() > 1 && options.mode() != BenchOptions.Mode.IDLE
                ? acrossRelays(options, suite, transport, report) : load(options, suite, transport, report);
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

    private static Verdict load(BenchOptions options, CipherSuite suite, Transport transport, Report report)
            throws IOException, InterruptedException {
        if (options.mode() == BenchOptions.Mode.RAW) {
            return raw(options, report);
        }
        if (options.mode() == BenchOptions.Mode.STALL) {
            try (Target target = relay(options)) {
                report.section("receivers that never read (slow consumers)").text("target", "target",
                        target.describe());
                return new StallLoad(options).run(target, report);
            }
        }
        try (Connector connector = transport.connector(
                TransportOptions.defaults().withIoThreads(options.clientIoThreads()))) {
            return chat(options, suite, connector, report);
        }
    }

    /**
     * Several relays of one cluster: the same load on the first relay alone, then spread over all of them (every
     * room spanning relays), in one run so that the ratio holds on a shared, noisy machine.
     */
    private static Verdict acrossRelays(BenchOptions options, CipherSuite suite, Transport transport, Report report)
            throws IOException, InterruptedException {
        Report single = new Report();
        Verdict one = load(options.withRelays(options.relays().subList(0, 1)), suite, transport, single);
        Report spread = new Report();
        Verdict all = load(options, suite, transport, spread);
        report.section("one relay").include(single, "single_");
        report.section("across " + options.relays().size() + " relays (every room spans relays)").include(spread, "");
        String key = options.mode() == BenchOptions.Mode.RAW ? "raw_per_second" : "messages_per_second";
        report.section("across relays versus one relay")
                .number("cross_relay_vs_single", "throughput across relays / one relay",
                        spread.value(key) / single.value(key), "x");
        return one.and(all);
    }

    private static Verdict chat(BenchOptions options, CipherSuite suite, Connector connector, Report report)
            throws IOException, InterruptedException {
        try (Target target = relay(options)) {
            report.section(options.mode() == BenchOptions.Mode.IDLE ? "idle clients" : "encrypted chat")
                    .text("target", "target", target.describe());
            Connector spread = LoopbackSpread.over(connector, target.listening());
            if (target.listening().size() > 1) {
                report.number("relay_addresses", "relay's loopback addresses (the clients' ports are per address)",
                        target.listening().size(), "");
            }
            List<SessionKind> kinds = options.sessions();
            Verdict verdict = kinds.size() == 1 && options.repeat() == 1
                    ? new ChatLoad(options, suite, spread, target, SessionOptions.of(kinds.get(0))).run(report)
                    : ChatRounds.run(options, kinds, report,
                            kind -> new ChatLoad(options, suite, spread, target, SessionOptions.of(kind)));
            return options.versusRaw() ? verdict.and(rawAfterChat(options, target, report)) : verdict;
        }
    }

    /** Raw frames through the relay the chat just used, and the chat's throughput as a share of theirs. */
    private static Verdict rawAfterChat(BenchOptions options, Target target, Report report)
            throws IOException, InterruptedException {
        Progress.await(() -> -target.connections().orElse(0), 0); // the chat clients have left
        BenchOptions raw = options.rawAfterChat();
        report.section("raw frames through the same relay, right after (" + raw.messages() + " per pair)");
        Verdict verdict = new RawLoad(raw).run(target, report, "raw", false);
        report.section("encrypted chat versus raw frames")
                .number("chat_vs_raw", "chat messages per second / raw frames per second", chatRate(options, report)
                        / report.value("raw_per_second"), "x");
        return verdict;
    }

    /** The chat's throughput: the median of its rounds with --repeat, of the first session type's with several. */
    private static double chatRate(BenchOptions options, Report report) {
        String first = options.sessions().get(0).id() + "_";
        for (String key : List.of("messages_per_second_median", first + "messages_per_second_median")) {
            if (!Double.isNaN(report.value(key))) {
                return report.value(key);
            }
        }
        return report.value("messages_per_second");
    }

    private static Verdict raw(BenchOptions options, Report report)
            throws IOException, InterruptedException {
        try (Target target = relay(options)) {
            if (options.baseline()) {
                return BaselineComparison.run(options, target, report);
            }
            report.section("raw frames through the relay").text("target", "target", target.describe());
            return new RawLoad(options).run(target, report, "raw", true);
        }
    }

    private static Target relay(BenchOptions options) throws IOException {
        return !options.relays().isEmpty() ? new ExternalRelay(options.relays())
                : ChildTarget.relay(options.transport(), options.ioThreads(),
                        options.mode() == BenchOptions.Mode.CHAT || options.mode() == BenchOptions.Mode.IDLE
                                ? LoopbackSpread.addressesFor(options.clients()) : 1,
                        options.nats());
    }

    private static void describe(Report report, BenchOptions options, CipherSuite suite) {
        report.section("setup")
                .text("mode", "mode", options.mode().name().toLowerCase())
                .number("clients", "clients", options.clients(), "")
                .number("rooms", "rooms", options.rooms(), "")
                .number("messages", "messages per sender (measured)", options.messages(), "")
                .number("size", "message size", options.size(), "bytes")
                .text("suite", "suite", options.mode() == BenchOptions.Mode.RAW || options.mode() == BenchOptions.Mode.STALL
                        ? "none (raw frames)" : suite.id())
                .text("transport", "transport", options.transport())
                .text("session", "session type", String.join(",", options.sessions().stream().map(SessionKind::id)
                        .toList()) + (options.oneWay() ? ", one way (one sender per room)" : ""))
                .number("io_threads", "io threads (relay)", options.ioThreads(), "")
                .number("client_io_threads", "io threads (clients' connector)", options.clientIoThreads(), "")
                .text("machine", "machine", Runtime.getRuntime().availableProcessors() + " CPUs, Java "
                        + Runtime.version().feature() + ", netty leak detection "
                        + System.getProperty("io.netty.leakDetection.level", "default (simple)"));
    }
}
