package dev.blindrelay.transport.netty;

import dev.blindrelay.spi.RelayLink;
import io.netty.channel.Channel;

import java.util.ArrayDeque;

/** A relay-side connection as the router sees it. Safe to use from any thread. */
final class ChannelLink implements RelayLink {

    private final Channel channel;
    private final String description;
    private ArrayDeque<byte[]> mailbox;
    private boolean drainScheduled;

    ChannelLink(Channel channel, String transportId) {
        this.channel = channel;
        this.description = transportId + "/" + Channels.format(channel.remoteAddress());
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
        channel.writeAndFlush(frame, channel.voidPromise());
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
