package dev.blindrelay.transport.netty;

import dev.blindrelay.spi.RelayLink;
import io.netty.channel.Channel;

/** A relay-side connection as the router sees it. Safe to use from any thread. */
final class ChannelLink implements RelayLink {

    private final Channel channel;
    private final String description;

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

    @Override
    public void write(byte[] frame) {
        channel.write(frame, channel.voidPromise()); // from another thread: queued without waking the loop
    }

    @Override
    public void flush() {
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
