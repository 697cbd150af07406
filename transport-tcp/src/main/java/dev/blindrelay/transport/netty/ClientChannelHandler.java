package dev.blindrelay.transport.netty;

import dev.blindrelay.spi.FrameListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The last handler of a client connection: completes {@link #ready} once frames may flow, then
 * hands frames to the listener in order and reports the end of the connection exactly once.
 */
final class ClientChannelHandler extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(ClientChannelHandler.class);

    /** Completed with the connection once frames may flow, or failed with why they never will. */
    final CompletableFuture<ChannelClientConnection> ready = new CompletableFuture<>();

    private final FrameListener listener;
    private final Framing framing;
    private final int maxFrameLength;
    private final AtomicReference<String> closeReason = new AtomicReference<>();
    private ChannelClientConnection connection;

    ClientChannelHandler(FrameListener listener, Framing framing, int maxFrameLength) {
        this.listener = listener;
        this.framing = framing;
        this.maxFrameLength = maxFrameLength;
    }

    /** Records why the connection is ending, unless a reason is already known. */
    void closing(String reason) {
        closeReason.compareAndSet(null, reason);
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        if (framing.readyWhenConnected()) {
            start(ctx);
        }
        ctx.fireChannelActive();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event == Framing.Ready.EVENT) {
            start(ctx);
        } else {
            ctx.fireUserEventTriggered(event);
        }
    }

    private void start(ChannelHandlerContext ctx) {
        if (connection == null) {
            connection = new ChannelClientConnection(ctx.channel(), maxFrameLength, this);
            ready.complete(connection);
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof byte[] frame && connection != null) {
            listener.frameReceived(frame);
        } else {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (connection != null) {
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
        if (connection == null) {
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
