package dev.blindrelay.transport.netty;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;

import java.nio.ByteBuffer;

/**
 * The last handler of a connection, relay side or client side: it starts once frames may flow
 * (when the connection opens, or when the framing's handshake completes) and from then on hands
 * every frame on ({@code byte[]}, or a {@link ByteBuffer} view on the relay side). A connection that never started delivers nothing.
 */
abstract class FrameChannelHandler extends ChannelInboundHandlerAdapter {

    private final Framing framing;
    private boolean started;

    FrameChannelHandler(Framing framing) {
        this.framing = framing;
    }

    /** Frames may flow from now on. Called once, on the event loop. */
    abstract void started(ChannelHandlerContext ctx);

    /** One whole frame, in order. Only after {@link #started}. */
    abstract void frameReceived(byte[] frame);

    /** One whole frame, valid during the call (relay side). By default copied into an array. */
    void frameReceived(ByteBuffer frame) {
        byte[] copy = new byte[frame.remaining()];
        frame.get(frame.position(), copy);
        frameReceived(copy);
    }

    final boolean isStarted() {
        return started;
    }

    final Framing framing() {
        return framing;
    }

    @Override
    public final void channelActive(ChannelHandlerContext ctx) {
        if (framing.readyWhenConnected()) {
            start(ctx);
        }
        ctx.fireChannelActive();
    }

    @Override
    public final void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event == Framing.Ready.EVENT) {
            start(ctx);
        } else {
            ctx.fireUserEventTriggered(event);
        }
    }

    private void start(ChannelHandlerContext ctx) {
        if (!started) {
            started = true;
            started(ctx);
        }
    }

    @Override
    public final void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof byte[] frame && started) {
            frameReceived(frame);
        } else if (msg instanceof ByteBuffer frame && started) {
            frameReceived(frame);
        } else {
            ReferenceCountUtil.release(msg);
        }
    }
}
