package dev.blindrelay.cli.bench;

import dev.blindrelay.spi.Connector;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Relay-only throughput: {@code clients / 2} pairs, each a sender streaming pre-built DATA frames to
 * its receiver through the target. Against our relay both ends JOIN the pair's room first (the real
 * router routes every frame); the plain forwarder just pairs the connections in the order they
 * arrive, so the sender connects before its receiver.
 */
final class RawLoad {

    private final BenchOptions options;
    private final Connector connector;
    private final Traffic traffic = new Traffic();
    private final List<RawPair> pairs = new ArrayList<>();

    RawLoad(BenchOptions options, Connector connector) {
        this.options = options;
        this.connector = connector;
    }

    /**
     * @param prefix     key prefix of this target's figures, e.g. {@code raw} or {@code baseline}
     * @param measureHeap whether to read the target's heap before and with the clients
     */
    Verdict run(Target target, Report report, String prefix, boolean measureHeap)
            throws IOException, InterruptedException {
        try {
            Optional<Target.HeapReading> before = measureHeap ? target.heap() : Optional.empty();
            connect(target);
            if (measureHeap) {
                Figures.heap(report, target, before, target.heap(), options.clients());
            }
            Rounds.Outcome outcome = Rounds.run(pairs, options.messages(), traffic, traffic::delivered,
                    limit -> limit * (long) pairs.size());
            long measured = (long) options.messages() * pairs.size();
            report.number(prefix + "_frame_bytes", "frame size on the wire (with 4-byte prefix)",
                    pairs.get(0).frameLength() + 4, "bytes");
            Figures.throughput(report, prefix, measured, options.size(), outcome.nanos());
            Figures.latency(report, prefix + "_latency", "one-way latency", traffic.latency());
            return verdict(outcome.finished());
        } finally {
            for (RawPair pair : pairs) {
                pair.sender.close();
                pair.receiver.close();
            }
        }
    }

    private void connect(Target target) throws IOException, InterruptedException {
        for (int k = 0; k < options.clients() / 2; k++) {
            RawPair pair = new RawPair(k, options.roomOf(k), options.size(), traffic);
            pairs.add(pair);
            pair.sender.connect(connector, target.address());
            pair.receiver.connect(connector, target.address());
        }
        if (target.speaksProtocol()) {
            for (RawPair pair : pairs) {
                pair.sender.sendJoin(pair.room);
                pair.receiver.sendJoin(pair.room);
            }
            for (RawPair pair : pairs) {
                pair.sender.awaitWelcome();
                pair.receiver.awaitWelcome();
            }
        }
    }

    private Verdict verdict(boolean finished) {
        long expected = 0;
        long delivered = 0;
        long duplicates = 0;
        for (RawPair pair : pairs) {
            expected += pair.sent();
            delivered += pair.log.distinctFrom(pair.index, Integer.MAX_VALUE);
            duplicates += pair.log.duplicates();
        }
        return new Verdict(expected, delivered, duplicates, traffic.problems() - duplicates, traffic.firstProblems(),
                finished);
    }
}
