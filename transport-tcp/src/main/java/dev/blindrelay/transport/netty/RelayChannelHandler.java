package dev.blindrelay.transport.netty;

import dev.blindrelay.spi.RelayHandler;
import io.netty.channel.ChannelHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The last handler of a relay-side connection: turns channel events into {@link RelayHandler} calls.
 * The link exists from the moment frames may flow; a connection that never got that far (a failed
 * WebSocket handshake, say) is not reported at all. {@code disconnected} follows {@code connected}
 * exactly once, and {@code malformed} is reported at most once.
 */
final class RelayChannelHandler extends FrameChannelHandler {

    private static final Logger LOG = LoggerFactory.getLogger(RelayChannelHandler.class);

    private final RelayHandler handler;
    private ChannelLink link;
    private boolean malformedReported;

    RelayChannelHandler(RelayHandler handler, Framing framing) {
        super(framing);
        this.handler = handler;
    }

    @Override
    void started(ChannelHandlerContext ctx) {
        link = new ChannelLink(ctx.channel(), framing());
        LOG.debug("{} connected", link);
        handler.connected(link);
    }

    @Override
    void frameReceived(byte[] frame) {
        handler.frameReceived(link, frame);
    }

    @Override
    void frameReceived(ByteBuffer frame) {
        handler.frameReceived(link, frame);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (isStarted()) {
            handler.writabilityChanged(link);
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (isStarted()) {
            LOG.debug("{} disconnected", link);
            handler.disconnected(link);
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        String where = isStarted() ? link.describe()
                : framing().transportId() + "/" + Channels.format(ctx.channel().remoteAddress());
        boolean wrongProtocol = cause instanceof WrongProtocolException;
        if (wrongProtocol) {
            LOG.warn("{}: {}", where, cause.getMessage()); // the one line an operator needs
        }
        if (Channels.isMalformed(cause)) {
            ctx.channel().config().setAutoRead(false);
            if (isStarted() && !malformedReported) {
                malformedReported = true;
                handler.malformed(link, Channels.oneLine(cause));
            }
            LOG.debug("{} sent bytes that do not decode: {}", where, Channels.oneLine(cause));
        } else if (cause instanceof IOException) {
            LOG.debug("{}: {}", where, Channels.oneLine(cause));
        } else {
            LOG.warn("{}: closing after an unexpected error", where, cause);
        }
        if (wrongProtocol) {
            Channels.flushAndClose(ctx.channel()); // the explanation written before goes out first
        } else {
            ctx.close();
        }
    }
}
