package dev.blindrelay.cli.bench;

import dev.blindrelay.session.SessionOptions;
import dev.blindrelay.spi.Connector;
import dev.blindrelay.suite.CipherSuite;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * The encrypted chat load: a warm-up cohort first (so that class loading and the JIT do not land in
 * the first handshakes), then the measured clients join, secure every pair of their room through the
 * relay, and (unless idle) each sends its messages to its whole room, encrypted separately per
 * recipient and acknowledged by each.
 */
final class ChatLoad {

    /** Clients of the warm-up cohort, in pairs; they leave before anything is measured. */
    static final int WARMUP_CLIENTS = 200;
    static final int WARMUP_ROUNDS = 10;
    static final int MAX_WARMUP_ROUNDS = 40;

    private final BenchOptions options;
    private final CipherSuite suite;
    private final Connector connector;
    private final Target target;
    private final HandshakeClock clock = new HandshakeClock();
    private final Traffic traffic = new Traffic();

    private final SessionOptions session;

    /** @param session the kind of session every client makes, for this load */
    ChatLoad(BenchOptions options, CipherSuite suite, Connector connector, Target target, SessionOptions session) {
        this.options = options;
        this.session = session;
        this.suite = suite;
        this.connector = connector;
        this.target = target;
    }

    Verdict run(Report report) throws IOException, InterruptedException {
        return run(report, true);
    }

    /** @param warmUp false when an earlier load of this run already warmed the JIT up on handshakes */
    Verdict run(Report report, boolean warmUp) throws IOException, InterruptedException {
        if (warmUp) {
            warmUp(report);
        }
        Optional<Target.HeapReading> heapBefore = target.heap();
        Cohort cohort = new Cohort(options.clients(), options.rooms(), 0, "room", options.size(), clock, traffic,
                suite, connector, target.addresses(), session, options.oneWay());
        try {
            return measure(cohort, heapBefore, report);
        } finally {
            cohort.close();
        }
    }

    /**
     * Handshakes until the JIT has compiled the key-agreement code: BouncyCastle's P-256 needs about a
     * thousand before its latency settles (measured: 3.2 ms after 100 handshakes, 1.9 ms after 1,000). A run that
     * measures handshakes only (no messages, not idle) goes on while the JITs of this JVM (the clients, which do the
     * handshakes' computing) and of the target still compiled for more than {@link Rounds#JIT_QUIET} of a round:
     * after ten rounds this JVM's compiler was still busy for 20-80% of the measured handshakes' second, on a core
     * the handshakes needed.
     */
    private void warmUp(Report report) throws IOException, InterruptedException {
        boolean untilQuiet = options.messages() == 0 && options.mode() != BenchOptions.Mode.IDLE;
        int round = 0;
        for (boolean compiling = untilQuiet; round < WARMUP_ROUNDS || compiling && round < MAX_WARMUP_ROUNDS; round++) {
            long jitBefore = Rounds.jitMillis(target);
            long start = System.nanoTime();
            HandshakeClock warmClock = new HandshakeClock();
            Cohort warm = new Cohort(WARMUP_CLIENTS, WARMUP_CLIENTS / 2, 1_000_000, "warmup" + round, options.size(),
                    warmClock, new Traffic(), suite, connector, target.addresses(), session, false);
            try {
                warm.join(0);
                Progress.await(warmClock::completed, warm.pairs());
            } finally {
                warm.close();
            }
            // The relay's heap is read next: let it see the warm-up clients leave first.
            Progress.await(() -> -target.connections().orElse(0), 0);
            compiling = untilQuiet && Rounds.jitMillis(target) - jitBefore > Rounds.JIT_QUIET * (System.nanoTime() - start) / 1e6;
        }
        report.number("handshake_warmup_rounds", "handshake warm-up rounds (" + WARMUP_CLIENTS / 2 + " pairs each)",
                round, "");
    }

    private Verdict measure(Cohort cohort, Optional<Target.HeapReading> heapBefore, Report report)
            throws IOException, InterruptedException {
        long start = System.nanoTime();
        cohort.join(options.joinRate());
        report.number("joins_per_second", "joins per second (connect + JOIN + WELCOME)",
                cohort.clients().size() / ((System.nanoTime() - start) / 1e9), "/s");
        long pairs = cohort.pairs();
        boolean secured = Progress.await(clock::completed, pairs);
        long handshakeNanos = Math.max(1, clock.lastSecuredNanos() - start);
        report.number("handshakes", "handshakes (pairs secured)", clock.completed(), "")
                .number("handshakes_per_second", "handshakes per second (first join to last secured)",
                        clock.completed() / (handshakeNanos / 1e9), "/s");
        Figures.latency(report, "handshake", "handshake through the relay", clock.latency());
        for (int i = 0; i < HandshakeClock.STEPS.size(); i++) {
            report.number("handshake_step" + (i + 1) + "_p50_us", "  step " + (i + 1) + ", " + HandshakeClock.STEPS.get(i)
                    + ", p50", clock.step(i).micros(50), "us");
        }
        Figures.heap(report, target, heapBefore, target.heap(), cohort.clients().size());
        if (!secured) {
            traffic.problem("only " + clock.completed() + " of " + pairs + " handshakes completed");
            return verdict(cohort, false, 0);
        }
        if (options.mode() == BenchOptions.Mode.IDLE || options.messages() == 0) {
            return verdict(cohort, true, 0);
        }
        long recipients = cohort.clients().stream().mapToLong(BenchClient::recipients).sum();
        long[] cpuBefore = new long[2];
        Rounds.Outcome outcome = Rounds.run(cohort.clients(), options.messages(), traffic, () -> progress(cohort),
                limit -> 2 * limit * recipients, target, () -> {
                    cpuBefore[0] = RelayProcess.cpuNanos();
                    cpuBefore[1] = target.cpuNanos().orElse(-1);
                });
        Figures.warmup(report, "messages", outcome);
        long measured = options.messages() * recipients;
        Figures.throughput(report, "messages", measured, options.size(), outcome.nanos());
        // CPU per message says what the clients and the relay cost even when a busy machine starves them of cores.
        long clientsCpu = RelayProcess.cpuNanos();
        long targetCpu = target.cpuNanos().orElse(-1);
        report.number("clients_cpu_ns_per_message", "clients' CPU time per message (this JVM, all threads)",
                clientsCpu < 0 || cpuBefore[0] < 0 ? Double.NaN : (double) (clientsCpu - cpuBefore[0]) / measured, "ns")
                .number("target_cpu_ns_per_message", "target's CPU time per message (all its threads)",
                        targetCpu < 0 || cpuBefore[1] < 0 ? Double.NaN : (double) (targetCpu - cpuBefore[1]) / measured,
                        "ns");
        Figures.latency(report, "latency", "end-to-end latency", traffic.latency());
        return verdict(cohort, outcome.finished(), options.messages() + outcome.warmup());
    }

    /** Deliveries plus acknowledgements: both must be complete before a round is over. */
    private long progress(Cohort cohort) {
        return traffic.delivered() + cohort.clients().stream().mapToLong(BenchClient::acknowledged).sum();
    }

    /** Checks every (sender, recipient) pair: each of the sender's messages arrived exactly once. */
    private Verdict verdict(Cohort cohort, boolean finished, int perSender) {
        long expected = 0;
        long delivered = 0;
        long duplicates = 0;
        for (List<BenchClient> room : cohort.rooms()) {
            for (BenchClient sender : room) {
                if (sender.recipients() > 0 && sender.sent() != perSender) {
                    traffic.problem(sender.name + " sent " + sender.sent() + " of " + perSender + " messages");
                }
                for (BenchClient receiver : room) {
                    if (receiver != sender) {
                        expected += sender.sent();
                        delivered += receiver.log.distinctFrom(sender.index, Integer.MAX_VALUE);
                    }
                }
            }
        }
        for (BenchClient client : cohort.clients()) {
            duplicates += client.log.duplicates();
        }
        return new Verdict(expected, delivered, duplicates, traffic.problems() - duplicates, traffic.firstProblems(),
                finished);
    }
}
