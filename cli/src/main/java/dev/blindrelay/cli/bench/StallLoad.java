package dev.blindrelay.cli.bench;

import dev.blindrelay.wire.Envelope;
import dev.blindrelay.wire.FrameType;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * {@code bench --raw --stall}: slow consumers. Every receiver joins and then never reads, while its sender writes
 * as fast as the relay takes frames, for {@link #FLOOD_MILLIS} (less than the relay's stall timeout, so nothing is
 * cut off yet). What the relay holds then is what backpressure lets a stalled reader cost it: its heap and its
 * resident set (the queued buffers are off-heap) against before, per stalled receiver. The senders' accepted bytes
 * show how far the relay read before it paused them.
 */
final class StallLoad {

    static final long FLOOD_MILLIS = 6_000;
    private static final int BATCH_FRAMES = 64;
    private static final double MIB = 1024.0 * 1024.0;

    private final BenchOptions options;

    StallLoad(BenchOptions options) {
        this.options = options;
    }

    Verdict run(Target target, Report report) throws IOException, InterruptedException {
        Optional<Target.HeapReading> before = target.heap();
        List<SocketChannel> senders = new ArrayList<>();
        List<SocketChannel> receivers = new ArrayList<>();
        long accepted = 0;
        try {
            for (int k = 0; k < options.clients() / 2; k++) {
                String room = options.roomOf(k);
                SocketChannel sender = RawPair.open(target.address());
                senders.add(sender);
                SocketChannel receiver = RawPair.open(target.address());
                receivers.add(receiver);
                RawPair.join(sender, "s" + k, room);
                RawPair.join(receiver, "r" + k, room);
                sender.configureBlocking(false);
            }
            accepted = flood(senders);
            Optional<Target.HeapReading> with = target.heap();
            int stalled = receivers.size();
            report.number("stall_accepted_mib", "bytes the relay took from the senders (all pairs)", accepted / MIB,
                    "MiB");
            if (before.isPresent() && with.isPresent()) {
                Target.HeapReading a = before.get();
                Target.HeapReading b = with.get();
                report.number("stall_heap_per_receiver_kib", "relay heap per stalled receiver",
                                (b.usedBytes() - a.usedBytes()) / 1024.0 / stalled, "KiB")
                        .number("stall_rss_before_mib", "relay resident set before", a.residentBytes() / MIB, "MiB")
                        .number("stall_rss_mib", "relay resident set with the stalled receivers",
                                b.residentBytes() / MIB, "MiB")
                        .number("stall_rss_per_receiver_mib", "relay resident set per stalled receiver",
                                (b.residentBytes() - a.residentBytes()) / MIB / stalled, "MiB");
            }
        } finally {
            senders.forEach(StallLoad::closeQuietly);
            receivers.forEach(StallLoad::closeQuietly);
        }
        return new Verdict(0, 0, 0, 0, List.of(), true);
    }

    /** Writes frames on every sender for {@link #FLOOD_MILLIS}; returns the bytes the sockets took. */
    private long flood(List<SocketChannel> senders) throws IOException, InterruptedException {
        List<ByteBuffer> batches = new ArrayList<>();
        for (int k = 0; k < senders.size(); k++) {
            byte[] own = new Envelope(FrameType.DATA, "s" + k, "r" + k, options.roomOf(k), new byte[options.size()])
                    .encode();
            ByteBuffer batch = ByteBuffer.allocateDirect(BATCH_FRAMES * (4 + own.length));
            for (int i = 0; i < BATCH_FRAMES; i++) {
                batch.putInt(own.length).put(own);
            }
            batches.add(batch.flip());
        }
        long accepted = 0;
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(FLOOD_MILLIS);
        while (System.nanoTime() < deadline) {
            int wrote = 0;
            for (int k = 0; k < senders.size(); k++) {
                ByteBuffer batch = batches.get(k);
                if (!batch.hasRemaining()) {
                    batch.rewind();
                }
                wrote += senders.get(k).write(batch);
            }
            accepted += wrote;
            if (wrote == 0) {
                Thread.sleep(10); // every relay link is paused: the point of the measurement
            }
        }
        return accepted;
    }

    private static void closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // already closed
        }
    }
}
