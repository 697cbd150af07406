package dev.blindrelay.bench.jmh;

import dev.blindrelay.relay.RelayLimits;
import dev.blindrelay.relay.RelayObserver;
import dev.blindrelay.relay.RelayRouter;
import dev.blindrelay.spi.RelayLink;
import dev.blindrelay.wire.Envelope;
import dev.blindrelay.wire.FrameType;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

/**
 * The relay's routing of one 1 KiB frame, in memory: the Java a relay's io thread spends per frame between the
 * framing and the recipient's link, without the network (whose system calls are most of a frame's cost, and
 * noisy). The frame is handed on as the tcp relay hands it: a view of a direct read buffer.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class RelayBenchmarks {

    private static final String ROOM = "bench-room";

    @State(Scope.Thread)
    public static class Pair {
        RelayRouter router;
        SinkLink alice;
        SinkLink bob;
        ByteBuffer view;
        int frameStart;
        int frameEnd;

        @Setup
        public void setUp() {
            router = new RelayRouter(RelayLimits.defaults(), RelayObserver.NONE);
            alice = join("alice-0");
            bob = join("bob-0");
            byte[] frame = new Envelope(FrameType.DATA, "alice-0", "bob-0", ROOM, new byte[1024]).encode();
            router.frameReceived(alice, frame); // the full way, once: the router learns the short way
            ByteBuffer read = ByteBuffer.allocateDirect(64 * 1024);
            frameStart = 4 + 7; // inside the buffer, where a read puts it after a length prefix
            read.position(frameStart).put(frame);
            frameEnd = frameStart + frame.length;
            view = read.duplicate();
        }

        private SinkLink join(String name) {
            SinkLink link = new SinkLink();
            router.connected(link);
            router.frameReceived(link, new Envelope(FrameType.JOIN, name, "", ROOM, new byte[0]).encode());
            return link;
        }

        @TearDown
        public void tearDown() {
            router.close();
        }
    }

    /** A DATA frame from a member to the member it last wrote to: nearly all of a relay's traffic. */
    @Benchmark
    public long route_dataFrame(Pair pair) {
        pair.view.clear().position(pair.frameStart).limit(pair.frameEnd);
        pair.router.frameReceived(pair.alice, pair.view);
        return pair.bob.received;
    }

    /** A link that counts what it is sent and is always writable. */
    static final class SinkLink implements RelayLink {
        long received;

        @Override
        public String describe() {
            return "sink";
        }

        @Override
        public void send(byte[] frame) {
            received += frame.length;
        }

        @Override
        public void send(ByteBuffer frame) {
            received += frame.remaining();
        }

        @Override
        public boolean isWritable() {
            return true;
        }

        @Override
        public long queuedBytes() {
            return 0;
        }

        @Override
        public void setReading(boolean reading) {
        }

        @Override
        public void close() {
        }

        @Override
        public void abort() {
        }
    }
}
