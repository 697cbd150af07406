package dev.blindrelay.cli.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Relay-only throughput: {@code clients / 2} pairs, each a sender streaming pre-built DATA frames to
 * its receiver through the target, over plain sockets in the tcp framing. Against our relay both ends
 * JOIN the pair's room first and the real router routes every frame; the plain forwarder just pairs
 * connections in the order they arrive.
 */
final class RawLoad {

    private final BenchOptions options;
    private final Traffic traffic = new Traffic();
    private final List<RawPair> pairs = new ArrayList<>();
    private OptionalLong cpuBefore = OptionalLong.empty();

    RawLoad(BenchOptions options) {
        this.options = options;
    }

    /**
     * @param prefix      key prefix of this target's figures, e.g. {@code raw} or {@code baseline}
     * @param measureHeap whether to read the target's heap before and with the clients
     */
    Verdict run(Target target, Report report, String prefix, boolean measureHeap)
            throws IOException, InterruptedException {
        Rounds.Outcome outcome;
        try {
            Optional<Target.HeapReading> before = measureHeap ? target.heap() : Optional.empty();
            connect(target);
            if (measureHeap) {
                Figures.heap(report, target, before, target.heap(), options.clients());
            }
            RawDriver driver = new RawDriver(pairs, traffic);
            try (driver) {
                driver.start();
                List<Rounds.Sender> senders = new ArrayList<>();
                for (RawPair pair : pairs) {
                    senders.add(limit -> {
                        pair.sendUpTo(limit);
                        driver.wakeUp();
                    });
                }
                outcome = Rounds.run(senders, options.messages(), traffic, traffic::delivered,
                        limit -> limit * (long) pairs.size(), target, () -> cpuBefore = target.cpuNanos());
            }
        } finally {
            pairs.forEach(RawPair::close);
        }
        long measured = (long) options.messages() * pairs.size();
        report.number(prefix + "_frame_bytes", "frame on the wire (4-byte prefix + header + body)",
                pairs.get(0).wireLength(), "bytes");
        Figures.warmup(report, prefix, outcome);
        Figures.throughput(report, prefix, measured, options.size(), outcome.nanos());
        OptionalLong cpuAfter = target.cpuNanos();
        if (cpuBefore.isPresent() && cpuAfter.isPresent()) {
            report.number(prefix + "_target_cpu_ns_per_frame", "target's CPU time per frame (all its threads)",
                    (double) (cpuAfter.getAsLong() - cpuBefore.getAsLong()) / measured, "ns");
        }
        Figures.latency(report, prefix + "_latency", "one-way latency", traffic.latency());
        return verdict(outcome.finished());
    }

    private void connect(Target target) throws IOException {
        for (int k = 0; k < options.clients() / 2; k++) {
            RawPair pair = new RawPair(k, options.roomOf(k), options.size(), traffic);
            pairs.add(pair);
            List<InetSocketAddress> relays = target.addresses(); // sender and receiver on different relays if several
            pair.connect(relays.get(0), relays.get(1 % relays.size()));
        }
        if (target.speaksProtocol()) {
            for (RawPair pair : pairs) {
                pair.join();
            }
        }
    }

    private Verdict verdict(boolean finished) {
        long expected = 0;
        long delivered = 0;
        long duplicates = 0;
        for (RawPair pair : pairs) {
            expected += pair.sent();
            delivered += pair.delivered();
            duplicates += pair.duplicates();
        }
        return new Verdict(expected, delivered, duplicates, traffic.problems() - duplicates, traffic.firstProblems(),
                finished);
    }
}
