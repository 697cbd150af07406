package dev.blindrelay.cli.bench;

import dev.blindrelay.wire.Envelope;
import dev.blindrelay.wire.FrameType;
import dev.blindrelay.wire.MalformedFrameException;
import dev.blindrelay.wire.RelayMessages;
import org.HdrHistogram.Histogram;

import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.BitSet;

/**
 * A sender streaming pre-built DATA frames to one receiver: no handshake, no encryption, no acknowledgement,
 * so what limits it is the target. The sender writes up to {@link #BATCH} frames per system call from one
 * buffer that already holds them, changing only each frame's stamp; the receiver reads large buffers and
 * counts frames in place. A window of {@link #WINDOW} frames in flight keeps the latency figures about the
 * target rather than about queues. Everything after {@link #connect} runs on the {@link RawDriver}'s thread.
 */
final class RawPair implements InboundFrames.Sink {

    /** Frames in flight per pair: 512 KiB at 1 KiB, below the relay's 1 MiB high-water mark per link. */
    static final int WINDOW = Integer.getInteger("blindrelay.bench.window", 512);
    /** Frames per write: 64 KiB at 1 KiB. */
    static final int BATCH = 64;
    private static final int READ_BUFFER = 256 * 1024;

    final int index;
    private final String room;
    private final String senderName;
    private final String receiverName;
    private final int size;
    private final Traffic traffic;
    /** {@link #BATCH} copies of the whole frame on the wire, length prefix included; only stamps change. */
    private final ByteBuffer batch;
    private final int wireLength;
    private final BitSet seen = new BitSet();
    private volatile int limit;
    private volatile boolean closing;
    private int next;
    private int arrived;
    private long duplicates;
    private SocketChannel sender;
    private SocketChannel receiver;
    private SelectionKey senderKey;
    private boolean writing;
    // Set per read, for data():
    private long now;
    private int measuredFrom;
    private Histogram latency;
    private int fresh;

    RawPair(int index, String room, int size, Traffic traffic) {
        this.index = index;
        this.room = room;
        this.size = size;
        this.senderName = "s" + index;
        this.receiverName = "r" + index;
        this.traffic = traffic;
        byte[] frame = new Envelope(FrameType.DATA, senderName, receiverName, room, new byte[size]).encode();
        this.wireLength = InboundFrames.PREFIX + frame.length;
        this.batch = ByteBuffer.allocateDirect(BATCH * wireLength);
        for (int i = 0; i < BATCH; i++) {
            batch.putInt(frame.length).put(frame);
        }
        batch.flip().limit(0);
    }

    int wireLength() {
        return wireLength;
    }

    /** Frames sent (once the driver stopped). */
    int sent() {
        return next;
    }

    /** Distinct frames received (once the driver stopped). */
    int delivered() {
        return seen.cardinality();
    }

    long duplicates() {
        return duplicates;
    }

    /** Connects the sender, then the receiver (the forwarders pair them in that order). */
    void connect(InetSocketAddress senderRelay, InetSocketAddress receiverRelay) throws IOException {
        sender = open(senderRelay);
        receiver = open(receiverRelay);
    }

    static SocketChannel open(InetSocketAddress address) throws IOException {
        SocketChannel channel = SocketChannel.open(address);
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        return channel;
    }

    /** Both ends join the pair's room through the relay's router (blocking, before the driver starts). */
    void join() throws IOException {
        join(sender, senderName, room);
        join(receiver, receiverName, room);
    }

    /** {@code name} joins {@code room} on {@code channel} and is welcomed (blocking). */
    static void join(SocketChannel channel, String name, String room) throws IOException {
        byte[] join = new Envelope(FrameType.JOIN, name, "", room, new byte[0]).encode();
        ByteBuffer out = ByteBuffer.allocate(InboundFrames.PREFIX + join.length).putInt(join.length).put(join).flip();
        while (out.hasRemaining()) {
            channel.write(out);
        }
        while (true) {
            Envelope frame = Envelope.parse(readWhole(channel));
            if (frame.type() == FrameType.WELCOME) {
                return;
            }
            if (frame.type() == FrameType.ERROR) {
                throw new IOException(name + " was refused by the relay: "
                        + RelayMessages.parseError(frame.body()).reason());
            }
        }
    }

    /** Exactly one frame, reading nothing beyond it (what follows is the driver's). */
    private static byte[] readWhole(SocketChannel channel) throws IOException {
        ByteBuffer prefix = readFully(channel, ByteBuffer.allocate(InboundFrames.PREFIX));
        int length = prefix.getInt(0);
        if (length <= 0 || length > (16 << 20)) {
            throw new MalformedFrameException("frame length " + length + " from the relay");
        }
        return readFully(channel, ByteBuffer.allocate(length)).array();
    }

    private static ByteBuffer readFully(SocketChannel channel, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            if (channel.read(buffer) < 0) {
                throw new EOFException("closed by the relay");
            }
        }
        return buffer;
    }

    void register(Selector selector) throws IOException {
        sender.configureBlocking(false);
        receiver.configureBlocking(false);
        // The sender reads too: the relay tells it about its room, and about errors.
        senderKey = sender.register(selector, SelectionKey.OP_READ, new End(senderName, sender, false));
        receiver.register(selector, SelectionKey.OP_READ, new End(receiverName, receiver, true));
    }

    /** Lets sequence numbers below {@code newLimit} go out; the caller wakes the driver. */
    void sendUpTo(int newLimit) {
        limit = newLimit;
    }

    /** On the driver: asks to be told when the sender can write, while it has something to write. */
    void updateInterest() {
        boolean wants = batch.hasRemaining() || next < limit && next - arrived < WINDOW;
        if (wants != writing && senderKey.isValid()) {
            writing = wants;
            senderKey.interestOps(wants ? SelectionKey.OP_READ | SelectionKey.OP_WRITE : SelectionKey.OP_READ);
        }
    }

    /** Stamps the next frames the window allows and writes what the socket takes. */
    private void write() throws IOException {
        if (!batch.hasRemaining()) {
            int frames = Math.min(BATCH, Math.min(limit - next, WINDOW - (next - arrived)));
            if (frames <= 0) {
                return;
            }
            batch.position(0).limit(frames * wireLength);
            long sentAt = System.nanoTime();
            int stamp = wireLength - size;
            for (int i = 0; i < frames; i++, stamp += wireLength) {
                batch.putLong(stamp, next++);
                batch.putLong(stamp + 8, sentAt);
            }
        }
        sender.write(batch);
    }

    private void receive(InboundFrames in, int measuredFromSeq, Histogram histogram) throws IOException {
        now = System.nanoTime();
        measuredFrom = measuredFromSeq;
        latency = histogram;
        fresh = 0;
        in.readFrom(receiver, this);
        if (fresh > 0) {
            traffic.arrivedTogether(fresh, now);
        }
    }

    @Override
    public void data(ByteBuffer buffer, int start, int length) {
        int stamp = start + length - size;
        int seq = (int) buffer.getLong(stamp);
        arrived++;
        if (seen.get(seq)) {
            duplicates++;
            traffic.problem("duplicate: message " + seq + " of pair " + index + " arrived again");
            return;
        }
        seen.set(seq);
        fresh++;
        if (seq >= measuredFrom) {
            latency.recordValue(Math.max(0, now - buffer.getLong(stamp + 8)));
        }
    }

    @Override
    public void other(byte[] frame) {
        report(receiverName, frame);
    }

    /** What the sender is told: never DATA; errors are problems. */
    private final InboundFrames.Sink senderSink = new InboundFrames.Sink() {
        @Override
        public void data(ByteBuffer buffer, int start, int length) {
            traffic.problem(senderName + " was sent a DATA frame");
        }

        @Override
        public void other(byte[] frame) {
            report(senderName, frame);
        }
    };

    private void report(String who, byte[] frame) {
        try {
            Envelope envelope = Envelope.parse(frame);
            if (envelope.type() == FrameType.ERROR) {
                traffic.problem(who + ": error from the relay: " + RelayMessages.parseError(envelope.body()).reason());
            }
        } catch (MalformedFrameException e) {
            traffic.problem(who + ": malformed frame from the relay: " + e.getMessage());
        }
    }

    void close() {
        closing = true;
        closeQuietly(sender);
        closeQuietly(receiver);
    }

    private static void closeQuietly(SocketChannel channel) {
        try {
            if (channel != null) {
                channel.close();
            }
        } catch (IOException ignored) {
            // already closed
        }
    }

    /** One socket of the pair as the driver's selector sees it. */
    final class End {
        private final String who;
        private final SocketChannel channel;
        private final boolean receiving;
        private final InboundFrames in;

        End(String who, SocketChannel channel, boolean receiving) {
            this.who = who;
            this.channel = channel;
            this.receiving = receiving;
            this.in = new InboundFrames(receiving ? READ_BUFFER : 16 * 1024);
        }

        void ready(SelectionKey key, int measuredFrom, Histogram histogram) {
            try {
                if (key.isReadable()) {
                    if (receiving) {
                        receive(in, measuredFrom, histogram);
                    } else {
                        in.readFrom(channel, senderSink);
                    }
                }
                if (key.isValid() && key.isWritable()) {
                    write();
                }
            } catch (IOException e) {
                key.cancel();
                if (!closing) {
                    traffic.problem(who + " lost its connection: " + e.getMessage());
                }
            }
        }
    }
}
