package dev.blindrelay.transport.ws;

import dev.blindrelay.transport.netty.WrongProtocolException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.CharsetUtil;

/**
 * First in a WebSocket pipeline: recognises BlindRelay's TCP framing arriving where HTTP should. A
 * TCP frame starts with its 4-byte length, whose first byte is 0 for any frame under 16 MiB; HTTP
 * starts with a letter. On the relay side the TCP client gets an HTTP answer that explains (its
 * decoder reads "HTTP" and names the fix); on either side the connection ends with a
 * {@link WrongProtocolException}. After the first bytes, this handler steps aside.
 */
final class TcpFramingDetector extends ChannelInboundHandlerAdapter {

    private final boolean relaySide;

    TcpFramingDetector(boolean relaySide) {
        this.relaySide = relaySide;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf bytes && bytes.isReadable()) {
            ctx.pipeline().remove(this);
            if (bytes.getByte(bytes.readerIndex()) == 0) {
                bytes.release();
                if (relaySide) {
                    ctx.writeAndFlush(Unpooled.copiedBuffer("HTTP/1.1 400 Bad Request\r\n"
                            + "Content-Type: text/plain\r\nConnection: close\r\n\r\n"
                            + "This port speaks WebSocket: a BlindRelay client needs --transport ws here\n",
                            CharsetUtil.US_ASCII));
                }
                ctx.fireExceptionCaught(new WrongProtocolException(relaySide
                        ? "length-prefixed frames on a WebSocket port: a client with --transport tcp? "
                        + "It should use --transport ws here, or the relay's TCP port"
                        : "that port speaks TCP, not WebSocket: use --transport tcp"));
                return;
            }
        }
        ctx.fireChannelRead(msg);
    }
}
