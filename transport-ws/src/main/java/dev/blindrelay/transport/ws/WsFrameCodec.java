package dev.blindrelay.transport.ws;

import dev.blindrelay.transport.netty.BadFrameException;
import dev.blindrelay.transport.netty.Framing;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.util.CharsetUtil;
import io.netty.util.ReferenceCountUtil;

import java.io.IOException;

/**
 * Between Netty's WebSocket handlers and the shared frame handler, on both sides: one binary
 * WebSocket message is one frame ({@code byte[]}, copied out of the message). Anything else that
 * carries data (a text message, an empty message) is a bad frame. On the relay side, HTTP requests
 * for any path but {@value WsFraming#PATH} get a 404. A completed handshake becomes
 * {@link Framing.Ready#EVENT}.
 */
final class WsFrameCodec extends ChannelDuplexHandler {

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof BinaryWebSocketFrame binary) {
            byte[] frame;
            try {
                frame = ByteBufUtil.getBytes(binary.content());
            } finally {
                binary.release();
            }
            if (frame.length == 0) {
                ctx.fireExceptionCaught(new BadFrameException("empty frame (a binary message of 0 bytes)"));
            } else {
                ctx.fireChannelRead(frame);
            }
        } else if (msg instanceof WebSocketFrame other) {
            String kind = other.getClass().getSimpleName().replace("WebSocketFrame", "").toLowerCase();
            ReferenceCountUtil.release(msg);
            ctx.fireExceptionCaught(new BadFrameException(
                    "a " + kind + " WebSocket message is not accepted; frames are binary messages"));
        } else if (msg instanceof FullHttpRequest request) {
            HttpResponseStatus status = request.decoderResult().isFailure()
                    ? HttpResponseStatus.BAD_REQUEST : HttpResponseStatus.NOT_FOUND;
            request.release();
            respond(ctx, status);
        } else {
            ctx.fireChannelRead(msg);
        }
    }

    private static void respond(ChannelHandlerContext ctx, HttpResponseStatus status) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                Unpooled.copiedBuffer("BlindRelay: connect a WebSocket to " + WsFraming.PATH + "\n",
                        CharsetUtil.US_ASCII));
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.TEXT_PLAIN)
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes());
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof WebSocketServerProtocolHandler.HandshakeComplete
                || event == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
            ctx.fireUserEventTriggered(Framing.Ready.EVENT);
        } else if (event == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
            ctx.fireExceptionCaught(new IOException("the WebSocket handshake timed out"));
        } else {
            ctx.fireUserEventTriggered(event);
        }
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof byte[] frame) {
            ctx.write(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(frame)), promise);
        } else {
            ctx.write(msg, promise);
        }
    }
}
