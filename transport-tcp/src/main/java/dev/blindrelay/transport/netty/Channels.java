package dev.blindrelay.transport.netty;

import dev.blindrelay.spi.TransportOptions;
import io.netty.buffer.ByteBufHolder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelConfig;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.FileRegion;
import io.netty.channel.MessageSizeEstimator;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.handler.codec.DecoderException;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.concurrent.TimeUnit;

/** Settings and small operations that relay links and client connections share. */
final class Channels {

    /**
     * How long a graceful close waits for queued frames to reach a peer that does not read before
     * the connection is aborted.
     */
    static final long CLOSE_GRACE_MILLIS = 3_000;

    /** Flushes are coalesced per read batch (or per event-loop turn), and forced every 256 flushes. */
    static final int FLUSHES_BEFORE_EXPLICIT_FLUSH = 256;

    private static final MessageSizeEstimator.Handle FRAME_SIZES = new FrameSizes();
    private static final MessageSizeEstimator FRAME_SIZE_ESTIMATOR = () -> FRAME_SIZES;

    private Channels() {
    }

    /** Socket options and watermarks of every connection, relay side and client side. */
    static void configure(Channel channel, TransportOptions options) {
        ChannelConfig config = channel.config();
        config.setOption(ChannelOption.TCP_NODELAY, true);
        config.setWriteBufferWaterMark(
                new WriteBufferWaterMark(options.writeLowWaterMark(), options.writeHighWaterMark()));
        config.setMessageSizeEstimator(FRAME_SIZE_ESTIMATOR);
    }

    /** Bytes written to the channel and not yet handed to the socket. */
    static long queuedBytes(Channel channel) {
        ChannelOutboundBuffer buffer = channel.unsafe().outboundBuffer();
        return buffer == null ? 0 : buffer.totalPendingWriteBytes();
    }

    /**
     * Closes once everything written before has been handed to the socket; a peer that does not read
     * within {@link #CLOSE_GRACE_MILLIS} is aborted.
     */
    static void flushAndClose(Channel channel) {
        if (!channel.isActive()) {
            channel.close();
            return;
        }
        channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        channel.eventLoop().schedule(() -> abort(channel), CLOSE_GRACE_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Closes the socket at once, dropping what is queued and skipping any closing handshake. */
    static void abort(Channel channel) {
        if (!channel.isOpen()) {
            return;
        }
        if (channel.eventLoop().inEventLoop()) {
            channel.unsafe().close(channel.unsafe().voidPromise());
        } else {
            channel.eventLoop().execute(() -> abort(channel));
        }
    }

    /** {@code 127.0.0.1:5000} (without a leading slash or a resolved name). */
    static String format(SocketAddress address) {
        if (address instanceof InetSocketAddress inet) {
            String host = inet.getAddress() != null ? inet.getAddress().getHostAddress() : inet.getHostString();
            return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + inet.getPort();
        }
        return String.valueOf(address);
    }

    /** True for a peer's bytes that do not decode, as opposed to an I/O failure or a bug. */
    static boolean isMalformed(Throwable cause) {
        return cause instanceof DecoderException;
    }

    /** The message of {@code cause} (or of what it wraps) on one line. */
    static String oneLine(Throwable cause) {
        Throwable shown = cause;
        while (shown.getCause() != null && (shown.getMessage() == null || shown instanceof DecoderException
                && shown.getMessage().equals(shown.getCause().toString()))) {
            shown = shown.getCause();
        }
        String message = shown.getMessage();
        if (message == null || message.isBlank()) {
            return shown.getClass().getSimpleName();
        }
        return message.strip().replaceAll("\\s*[\\r\\n]+\\s*", " ");
    }

    /** Counts a {@code byte[]} frame written from another thread towards the watermarks. */
    private static final class FrameSizes implements MessageSizeEstimator.Handle {
        @Override
        public int size(Object msg) {
            if (msg instanceof byte[] frame) {
                return frame.length;
            }
            if (msg instanceof ByteBuf buf) {
                return buf.readableBytes();
            }
            if (msg instanceof ByteBufHolder holder) {
                return holder.content().readableBytes();
            }
            if (msg instanceof FileRegion) {
                return 0;
            }
            return 8;
        }
    }
}
