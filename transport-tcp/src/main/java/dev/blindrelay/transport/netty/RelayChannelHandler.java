package dev.blindrelay.transport.netty;

import dev.blindrelay.spi.RelayHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;

/**
 * The last handler of a relay-side connection: turns channel events into {@link RelayHandler} calls.
 * The link exists from the moment frames may flow (connection open, or handshake done); a
 * connection that never got that far is not reported at all. {@code disconnected} follows
 * {@code connected} exactly once, and {@code malformed} is reported at most once.
 */
final class RelayChannelHandler extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(RelayChannelHandler.class);

    private final RelayHandler handler;
    private final Framing framing;
    private ChannelLink link;
    private boolean malformedReported;

    RelayChannelHandler(RelayHandler handler, Framing framing) {
        this.handler = handler;
        this.framing = framing;
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
        if (link == null) {
            link = new ChannelLink(ctx.channel(), framing.transportId());
            LOG.debug("{} connected", link);
            handler.connected(link);
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof byte[] frame && link != null) {
            handler.frameReceived(link, frame);
        } else {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (link != null) {
            handler.writabilityChanged(link);
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (link != null) {
            LOG.debug("{} disconnected", link);
            handler.disconnected(link);
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        String where = link != null ? link.describe() : framing.transportId() + "/"
                + Channels.format(ctx.channel().remoteAddress());
        if (Channels.isMalformed(cause)) {
            ctx.channel().config().setAutoRead(false);
            if (link != null && !malformedReported) {
                malformedReported = true;
                handler.malformed(link, Channels.oneLine(cause));
            }
            LOG.debug("{} sent bytes that do not decode: {}", where, Channels.oneLine(cause));
        } else if (cause instanceof IOException) {
            LOG.debug("{}: {}", where, Channels.oneLine(cause));
        } else {
            LOG.warn("{}: closing after an unexpected error", where, cause);
        }
        ctx.close();
    }
}
