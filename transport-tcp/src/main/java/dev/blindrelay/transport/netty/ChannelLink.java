package dev.blindrelay.transport.netty;

import dev.blindrelay.spi.RelayLink;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;

/** A relay-side connection as the router sees it. Safe to use from any thread. */
final class ChannelLink implements RelayLink {

    /** Frames sent on the link's own event loop are gathered into buffers of this size. */
    private static final int GATHER_BYTES = 64 * 1024;

    private final Channel channel;
    private final Framing framing;
    private final String description;
    private ArrayDeque<byte[]> mailbox;
    private boolean drainScheduled;
    /** Frames sent in this event-loop turn and not yet written to the channel, or null. Event loop only. */
    private ByteBuf gathered;
    private boolean flushScheduled;

    ChannelLink(Channel channel, Framing framing) {
        this.channel = channel;
        this.framing = framing;
        this.description = framing.transportId() + "/" + Channels.format(channel.remoteAddress());
    }

    @Override
    public String describe() {
        return description;
    }

    /**
     * Writes and requests a flush; the channel's {@code FlushConsolidationHandler} turns the requests
     * of one read batch (or one event-loop turn) into one flush.
     */
    @Override
    public void send(byte[] frame) {
        writeGathered();
        channel.writeAndFlush(frame, channel.voidPromise());
    }

    /**
     * On the link's own event loop (a sender on the same thread, the usual case with one io thread), the frame is
     * copied into a buffer that gathers the frames of this event-loop turn; a task at the end of the turn writes
     * it and flushes, so that a read batch costs one buffer and one write per recipient instead of one of each
     * per frame. From another thread the frame is copied into an array and sent as by {@link #send(byte[])}.
     * Bytes gathered and not yet written (at most {@value #GATHER_BYTES}) count in neither
     * {@link #isWritable} nor {@link #queuedBytes}.
     */
    @Override
    public void send(ByteBuffer frame) {
        int overhead = framing.appendOverhead();
        if (overhead < 0 || !channel.eventLoop().inEventLoop()) {
            RelayLink.super.send(frame);
            return;
        }
        int size = overhead + frame.remaining();
        if (gathered != null && gathered.writableBytes() < size) {
            writeGathered();
        }
        if (gathered == null) {
            gathered = channel.alloc().ioBuffer(Math.max(GATHER_BYTES, size));
        }
        framing.appendFrame(gathered, frame);
        if (!flushScheduled) {
            flushScheduled = true;
            channel.eventLoop().execute(this::flushGathered);
        }
    }

    /** Hands what was gathered to the channel, without a flush. On the event loop (elsewhere nothing is gathered). */
    private void writeGathered() {
        ByteBuf out = gathered;
        if (out != null && channel.eventLoop().inEventLoop()) {
            gathered = null;
            if (channel.isActive()) {
                channel.write(out, channel.voidPromise());
            } else {
                out.release();
            }
        }
    }

    private void flushGathered() {
        flushScheduled = false;
        writeGathered();
        channel.flush();
    }

    /**
     * Frames from another thread wait in a mailbox; the first one schedules a drain on the channel's event loop,
     * which writes everything that arrived meanwhile and flushes once. Made on first use: idle links pay nothing.
     */
    @Override
    public void sendBatched(byte[] frame) {
        synchronized (this) {
            if (mailbox == null) {
                mailbox = new ArrayDeque<>();
            }
            mailbox.add(frame);
            if (drainScheduled) {
                return;
            }
            drainScheduled = true;
        }
        channel.eventLoop().execute(this::drain);
    }

    private void drain() {
        writeGathered();
        byte[][] frames;
        synchronized (this) {
            frames = mailbox.toArray(new byte[0][]);
            mailbox.clear();
            drainScheduled = false;
        }
        for (byte[] frame : frames) {
            channel.write(frame, channel.voidPromise());
        }
        channel.flush();
    }

    @Override
    public boolean isWritable() {
        return channel.isWritable();
    }

    /** Bytes in the channel's outbound buffer (see {@link #send(ByteBuffer)}). */
    @Override
    public long queuedBytes() {
        return Channels.queuedBytes(channel);
    }

    @Override
    public void setReading(boolean reading) {
        channel.config().setAutoRead(reading);
    }

    @Override
    public void close() {
        writeGathered();
        Channels.flushAndClose(channel);
    }

    @Override
    public void abort() {
        Channels.abort(channel);
    }

    @Override
    public String toString() {
        return description;
    }
}
