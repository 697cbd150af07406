package dev.blindrelay.cli.compare;

import dev.blindrelay.cli.Command;
import dev.blindrelay.cli.Console;
import dev.blindrelay.cli.Plugins;
import dev.blindrelay.cli.config.Settings;
import dev.blindrelay.registry.PluginRegistry;
import dev.blindrelay.suite.CipherSuite;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code blindrelay compare}: measures the cipher suites on this machine, side by side and in one run
 * (handshakes/s, MB/s, bytes on the wire, sizes, security notes), and each primitive through every
 * provider that offers it, to show how much the implementation matters.
 */
public final class CompareCommand implements Command {

    static final List<String> KEYS = List.of("config", "suites", "sizes", "seconds", "html", "help");

    @Override
    public String name() {
        return "compare";
    }

    @Override
    public String summary() {
        return "measure the cipher suites and their providers on this machine (table, optional HTML charts)";
    }

    @Override
    public int run(String[] args, Console console) throws GeneralSecurityException, IOException {
        Settings settings = Settings.parse(name(), KEYS, args);
        if (settings.helpRequested()) {
            console.out().print(Settings.help(
                    "blindrelay compare [--suites all|ID,...] [--sizes 64,1024,16384] [--seconds N] [--html FILE]",
                    "Measure handshakes/s, encrypt+decrypt MB/s and bytes on the wire of each cipher suite, "
                            + "and each primitive through every provider that offers it.", KEYS));
            return 0;
        }
        CompareOptions options = CompareOptions.from(settings);
        PluginRegistry registry = Plugins.load(console.err());
        List<CipherSuite> suites = select(registry, options.suites());
        if (suites.isEmpty()) {
            console.err().println("error: no cipher suites found: is a suite jar on the classpath?");
            return 1;
        }
        CompareReport report = measure(registry, suites, options, console);
        console.out().print(TextReport.render(report));
        if (options.html() != null) {
            write(options.html(), HtmlReport.render(report));
            console.out().println("\nHTML report: " + options.html().toAbsolutePath());
        }
        return 0;
    }

    /** @throws dev.blindrelay.registry.UnknownPluginException listing the suites there are */
    private static List<CipherSuite> select(PluginRegistry registry, List<String> asked) {
        if (asked.isEmpty()) {
            return registry.suites();
        }
        List<CipherSuite> suites = new ArrayList<>();
        for (String idOrAlias : asked) {
            CipherSuite suite = registry.suite(idOrAlias);
            if (!suites.contains(suite)) { // an id and its alias name the same suite
                suites.add(suite);
            }
        }
        return suites;
    }

    private static CompareReport measure(PluginRegistry registry, List<CipherSuite> suites, CompareOptions options,
                                         Console console) throws GeneralSecurityException {
        Machine machine = Machine.current();
        TimeBox box = new TimeBox(options.measure());
        InMemoryHandshake parties = InMemoryHandshake.withFreshIdentities();
        // A dry run of everything first, each step for the warm-up time, results dropped: on a busy 2-core
        // machine the JIT took seconds to compile a pure-Java cipher, so whatever ran first was measured
        // before it was compiled (ChaCha20-Poly1305 at 64 B varied 15x between runs).
        console.err().println("[compare] warming up ...");
        measure(registry, suites, new Workload(parties, options.sizes(), new TimeBox(box.warmup())), machine,
                new PrintStream(OutputStream.nullOutputStream()));
        return measure(registry, suites, new Workload(parties, options.sizes(), box), machine, console.err());
    }

    private static CompareReport measure(PluginRegistry registry, List<CipherSuite> suites, Workload workload,
                                         Machine machine, PrintStream progress) throws GeneralSecurityException {
        SuiteBenchmark benchmark = new SuiteBenchmark(workload);
        List<SuiteMeasurement> measured = new ArrayList<>();
        for (CipherSuite suite : suites) {
            progress.println("[compare] measuring " + suite.id() + " ...");
            measured.add(benchmark.measure(suite, registry.suiteResolver().alias(suite)));
        }
        progress.println("[compare] measuring the other providers ...");
        List<ProviderComparison> providers = new ProviderBenchmark(workload).compare(suites, measured);
        TimeBox box = workload.box();
        return new CompareReport(machine, box.measure(), box.warmup(), workload.sizes(), measured, providers);
    }

    private static void write(Path file, String html) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, html);
    }
}
