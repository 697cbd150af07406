package dev.blindrelay.transport.ws;

import dev.blindrelay.transport.netty.BadFrameException;
import dev.blindrelay.transport.netty.Framing;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WsFrameCodecTest {

    /** Records the user events that pass the codec. */
    private static final class Events extends ChannelInboundHandlerAdapter {
        final List<Object> seen = new ArrayList<>();

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
            seen.add(event);
        }
    }

    @Test
    void read_binaryMessage_becomesACopiedByteArray() {
        EmbeddedChannel channel = new EmbeddedChannel(new WsFrameCodec());
        BinaryWebSocketFrame message = new BinaryWebSocketFrame(Unpooled.wrappedBuffer(new byte[] {4, 5, 6}));

        channel.writeInbound(message);

        assertThat((byte[]) channel.readInbound()).containsExactly(4, 5, 6);
        assertThat(message.refCnt()).isZero();
    }

    @Test
    void read_textMessage_isABadFrame() {
        EmbeddedChannel channel = new EmbeddedChannel(new WsFrameCodec());
        TextWebSocketFrame message = new TextWebSocketFrame("hi");

        assertThatThrownBy(() -> channel.writeInbound(message))
                .isInstanceOf(BadFrameException.class)
                .hasMessage("a text WebSocket message is not accepted; frames are binary messages");
        assertThat(message.refCnt()).isZero();
        assertThat(channel.inboundMessages()).isEmpty();
    }

    @Test
    void read_strayContinuation_isABadFrame() {
        EmbeddedChannel channel = new EmbeddedChannel(new WsFrameCodec());

        assertThatThrownBy(() -> channel.writeInbound(new ContinuationWebSocketFrame(Unpooled.buffer(1).writeByte(1))))
                .isInstanceOf(BadFrameException.class)
                .hasMessageContaining("continuation");
    }

    @Test
    void read_emptyBinaryMessage_isABadFrame() {
        EmbeddedChannel channel = new EmbeddedChannel(new WsFrameCodec());

        assertThatThrownBy(() -> channel.writeInbound(new BinaryWebSocketFrame()))
                .isInstanceOf(BadFrameException.class)
                .hasMessage("empty frame (a binary message of 0 bytes)");
    }

    @Test
    void write_byteArray_becomesOneBinaryMessage() {
        EmbeddedChannel channel = new EmbeddedChannel(new WsFrameCodec());

        channel.writeOutbound(new byte[] {7, 8});

        BinaryWebSocketFrame message = channel.readOutbound();
        assertThat(message.isFinalFragment()).isTrue();
        assertThat(message.content().readableBytes()).isEqualTo(2);
        assertThat(message.content().getByte(0)).isEqualTo((byte) 7);
        message.release();
    }

    @Test
    void read_httpRequestThatWasNotAnUpgrade_gets404AndCloses() {
        EmbeddedChannel channel = new EmbeddedChannel(new WsFrameCodec());

        channel.writeInbound(new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/other"));

        FullHttpResponse response = channel.readOutbound();
        assertThat(response.status()).isEqualTo(HttpResponseStatus.NOT_FOUND);
        response.release();
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void handshakeComplete_onEitherSide_becomesReady() {
        Events events = new Events();
        EmbeddedChannel channel = new EmbeddedChannel(new WsFrameCodec(), events);

        channel.pipeline().fireUserEventTriggered(
                new WebSocketServerProtocolHandler.HandshakeComplete("/relay", new DefaultHttpHeaders(), null));
        channel.pipeline().fireUserEventTriggered(
                WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE);
        channel.pipeline().fireUserEventTriggered("unrelated");

        assertThat(events.seen).containsExactly(Framing.Ready.EVENT, Framing.Ready.EVENT, "unrelated");
    }

    @Test
    void uri_isTheRelayPathOnTheGivenHost() {
        assertThat(WsFraming.uri(new InetSocketAddress("127.0.0.1", 5000)).toString())
                .isEqualTo("ws://127.0.0.1:5000/relay");
        assertThat(WsFraming.uri(InetSocketAddress.createUnresolved("::1", 5000)).toString())
                .isEqualTo("ws://[::1]:5000/relay");
    }
}
