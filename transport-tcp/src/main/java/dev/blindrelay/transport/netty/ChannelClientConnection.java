package dev.blindrelay.transport.netty;

import dev.blindrelay.spi.ClientConnection;
import io.netty.channel.Channel;

/** A client's connection to a relay. Safe to use from any thread. */
final class ChannelClientConnection implements ClientConnection {

    private final Channel channel;
    private final int maxFrameLength;
    private final ClientChannelHandler handler;

    ChannelClientConnection(Channel channel, int maxFrameLength, ClientChannelHandler handler) {
        this.channel = channel;
        this.maxFrameLength = maxFrameLength;
        this.handler = handler;
    }

    /**
     * Queues the frame and requests a flush; requests made in one burst are flushed together.
     *
     * @throws IllegalArgumentException when the frame is empty or over the maximum frame length
     */
    @Override
    public void send(byte[] frame) {
        if (frame.length == 0 || frame.length > maxFrameLength) {
            throw new IllegalArgumentException("a frame must have 1 to " + maxFrameLength + " bytes, got "
                    + frame.length);
        }
        channel.writeAndFlush(frame, channel.voidPromise());
    }

    @Override
    public boolean isOpen() {
        return channel.isActive();
    }

    @Override
    public void close() {
        handler.closing("closed by this client");
        Channels.flushAndClose(channel);
    }

    Channel channel() {
        return channel;
    }

    @Override
    public String toString() {
        return "connection to " + Channels.format(channel.remoteAddress());
    }
}
