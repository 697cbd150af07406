package dev.blindrelay.transport.netty;

import dev.blindrelay.spi.FrameListener;
import io.netty.channel.ChannelHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The last handler of a client connection: completes {@link #ready} once frames may flow, then
 * hands frames to the listener in order and reports the end of the connection exactly once.
 */
final class ClientChannelHandler extends FrameChannelHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ClientChannelHandler.class);

    /** Completed with the connection once frames may flow, or failed with why they never will. */
    final CompletableFuture<ChannelClientConnection> ready = new CompletableFuture<>();

    private final FrameListener listener;
    private final int maxFrameLength;
    private final AtomicReference<String> closeReason = new AtomicReference<>();

    ClientChannelHandler(FrameListener listener, Framing framing, int maxFrameLength) {
        super(framing);
        this.listener = listener;
        this.maxFrameLength = maxFrameLength;
    }

    /** Records why the connection is ending, unless a reason is already known. */
    void closing(String reason) {
        closeReason.compareAndSet(null, reason);
    }

    @Override
    void started(ChannelHandlerContext ctx) {
        ready.complete(new ChannelClientConnection(ctx.channel(), maxFrameLength, this));
    }

    @Override
    void frameReceived(byte[] frame) {
        listener.frameReceived(frame);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (isStarted()) {
            listener.readComplete();
        }
        ctx.fireChannelReadComplete();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (isStarted()) {
            closing("relay closed the connection");
            listener.closed(closeReason.get());
        } else {
            ready.completeExceptionally(new IOException(closeReason.get() != null ? closeReason.get()
                    : "the relay closed the connection during the handshake"));
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        String detail = Channels.oneLine(cause);
        if (cause instanceof WrongProtocolException || !isStarted()) {
            closing(detail);
            ready.completeExceptionally(cause);
        } else if (Channels.isMalformed(cause)) {
            closing("relay sent a malformed frame: " + detail);
        } else if (cause instanceof IOException) {
            closing("connection to the relay failed: " + detail);
        } else {
            LOG.warn("closing the connection to the relay after an unexpected error", cause);
            closing("closed after an unexpected error: " + detail);
        }
        ctx.close();
    }
}
