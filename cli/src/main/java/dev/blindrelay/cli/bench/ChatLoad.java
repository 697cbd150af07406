package dev.blindrelay.cli.bench;

import dev.blindrelay.client.ChatClient;
import dev.blindrelay.client.ClientSettings;
import dev.blindrelay.identity.IdentityKeyPair;
import dev.blindrelay.identity.KnownPeers;
import dev.blindrelay.spi.Connector;
import dev.blindrelay.suite.CipherSuite;
import dev.blindrelay.trace.Tracer;

import java.io.IOException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Real chat users in this JVM: each a {@link ChatClient} with its own in-memory identity, all sharing
 * one {@link Connector}. They join one after another (at most {@code --join-rate} a second), run every
 * pairwise handshake of their room through the relay, and then (unless idle) each sends its messages
 * to its whole room, encrypted separately per recipient and acknowledged by each.
 */
final class ChatLoad {

    private final BenchOptions options;
    private final CipherSuite suite;
    private final Connector connector;
    private final Target target;
    private final HandshakeClock clock = new HandshakeClock();
    private final Traffic traffic = new Traffic();
    private final List<BenchClient> clients = new ArrayList<>();
    private final List<List<BenchClient>> rooms = new ArrayList<>();
    private long joinStart;

    ChatLoad(BenchOptions options, CipherSuite suite, Connector connector, Target target) {
        this.options = options;
        this.suite = suite;
        this.connector = connector;
        this.target = target;
    }

    Verdict run(Report report) throws IOException, InterruptedException {
        try {
            return measure(report);
        } finally {
            clients.forEach(client -> client.client().close());
        }
    }

    private Verdict measure(Report report) throws IOException, InterruptedException {
        createClients();
        Optional<Target.HeapReading> heapBefore = target.heap();
        long pairs = join(report);
        boolean secured = Progress.await(clock::completed, pairs);
        long handshakeNanos = Math.max(1, clock.lastSecuredNanos() - joinStart);
        report.number("handshakes", "handshakes (pairs secured)", clock.completed(), "")
                .number("handshakes_per_second", "handshakes per second", clock.completed() / (handshakeNanos / 1e9),
                        "/s");
        Figures.latency(report, "handshake", "handshake through the relay", clock.latency());
        Figures.heap(report, target, heapBefore, target.heap(), clients.size());
        if (!secured) {
            traffic.problem("only " + clock.completed() + " of " + pairs + " handshakes completed");
            return verdict(false, 0);
        }
        if (options.mode() == BenchOptions.Mode.IDLE || options.messages() == 0) {
            return verdict(true, 0);
        }
        Rounds.Outcome outcome = Rounds.run(clients, options.messages(), traffic, this::progress,
                limit -> 2 * limit * recipientsTotal());
        long measured = (long) options.messages() * recipientsTotal();
        Figures.throughput(report, "messages", measured, options.size(), outcome.nanos());
        Figures.latency(report, "latency", "end-to-end latency", traffic.latency());
        return verdict(outcome.finished(), options.messages() + outcome.warmup());
    }

    private void createClients() {
        SecureRandom random = new SecureRandom();
        for (int r = 0; r < options.rooms(); r++) {
            rooms.add(new ArrayList<>());
        }
        for (int i = 0; i < options.clients(); i++) {
            BenchClient client = new BenchClient(i, options.size(), clock, traffic);
            clients.add(client);
            rooms.get(i % options.rooms()).add(client);
        }
        for (BenchClient client : clients) {
            String room = options.roomOf(client.index);
            // No reconnecting: in a benchmark a lost connection is a failure to report, not to hide.
            ClientSettings settings = ClientSettings.of(client.name, room, target.address()).withReconnect(false);
            client.attach(new ChatClient(settings, suite, IdentityKeyPair.generate(random), KnownPeers.inMemory(),
                    connector, client, Tracer.NONE), rooms.get(client.index % options.rooms()).size());
        }
    }

    /** Joins every client, paced by --join-rate; returns the number of handshakes that will follow. */
    private long join(Report report) throws IOException {
        joinStart = System.nanoTime();
        long gap = options.joinRate() == 0 ? 0 : TimeUnit.SECONDS.toNanos(1) / options.joinRate();
        for (int i = 0; i < clients.size(); i++) {
            long due = joinStart + i * gap;
            while (System.nanoTime() < due) {
                LockSupport.parkNanos(due - System.nanoTime());
            }
            clients.get(i).client().start();
        }
        double seconds = (System.nanoTime() - joinStart) / 1e9;
        report.number("joins_per_second", "joins per second (connect + JOIN + WELCOME)", clients.size() / seconds, "/s");
        return rooms.stream().mapToLong(room -> (long) room.size() * (room.size() - 1) / 2).sum();
    }

    private long recipientsTotal() {
        return clients.stream().mapToLong(BenchClient::recipients).sum();
    }

    /** Deliveries plus acknowledgements: both must be complete before a round is over. */
    private long progress() {
        return traffic.delivered() + clients.stream().mapToLong(BenchClient::acknowledged).sum();
    }

    /** Checks every (sender, recipient) pair: each of the sender's messages arrived exactly once. */
    private Verdict verdict(boolean finished, int perSender) {
        long expected = 0;
        long delivered = 0;
        long duplicates = 0;
        for (List<BenchClient> room : rooms) {
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
        for (BenchClient client : clients) {
            duplicates += client.log.duplicates();
        }
        return new Verdict(expected, delivered, duplicates, traffic.problems() - duplicates, traffic.firstProblems(),
                finished);
    }
}
