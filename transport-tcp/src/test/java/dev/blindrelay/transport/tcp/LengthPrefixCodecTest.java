package dev.blindrelay.transport.tcp;

import dev.blindrelay.transport.netty.BadFrameException;
import dev.blindrelay.transport.netty.WrongProtocolException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LengthPrefixCodecTest {

    private static final int MAX = 1 << 20;

    private static EmbeddedChannel decoder() {
        return new EmbeddedChannel(new LengthPrefixDecoder(MAX));
    }

    private static ByteBuf frame(int length, int fill) {
        ByteBuf buf = Unpooled.buffer(4 + length);
        buf.writeInt(length);
        for (int i = 0; i < length; i++) {
            buf.writeByte(fill);
        }
        return buf;
    }

    private static ByteBuf header(int declaredLength) {
        return Unpooled.buffer(4).writeInt(declaredLength);
    }

    @Test
    void decode_httpRequestLine_isAWebSocketClientOnTheWrongPort() {
        EmbeddedChannel channel = decoder();
        ByteBuf request = Unpooled.copiedBuffer("GET /relay HTTP/1.1\r\nHost: x\r\n\r\n", StandardCharsets.US_ASCII);

        assertThatThrownBy(() -> channel.writeInbound(request)).isInstanceOf(WrongProtocolException.class)
                .hasMessageContaining("an HTTP request on a TCP port").hasMessageContaining("--transport tcp");
    }

    @Test
    void decode_httpResponse_isAWebSocketRelay() {
        EmbeddedChannel channel = decoder();
        ByteBuf response = Unpooled.copiedBuffer("HTTP/1.1 400 Bad Request\r\n\r\n", StandardCharsets.US_ASCII);

        assertThatThrownBy(() -> channel.writeInbound(response)).isInstanceOf(WrongProtocolException.class)
                .hasMessage("that port speaks WebSocket, not TCP: use --transport ws");
    }

    @Test
    void decode_frameSplitAcrossReads_isWholeOnceComplete() {
        EmbeddedChannel channel = decoder();
        ByteBuf whole = frame(10, 7);

        assertThat(channel.writeInbound(whole.retainedSlice(0, 2))).isFalse();
        assertThat(channel.writeInbound(whole.retainedSlice(2, 5))).isFalse();
        assertThat(channel.writeInbound(whole.retainedSlice(7, 6))).isFalse();
        assertThat(channel.writeInbound(whole.retainedSlice(13, 1))).isTrue();

        assertThat((byte[]) channel.readInbound()).hasSize(10).containsOnly(7);
        assertThat(channel.inboundMessages()).isEmpty();
        whole.release();
        assertThat(channel.finish()).isFalse();
    }

    @Test
    void decode_severalFramesInOneBuffer_areSeparateCopies() {
        EmbeddedChannel channel = decoder();
        ByteBuf buffer = Unpooled.wrappedBuffer(frame(1, 1), frame(3, 2), frame(2, 3));

        channel.writeInbound(buffer);

        byte[] first = channel.readInbound();
        byte[] second = channel.readInbound();
        byte[] third = channel.readInbound();
        assertThat(first).containsExactly(1);
        assertThat(second).containsExactly(2, 2, 2);
        assertThat(third).containsExactly(3, 3);
        assertThat(buffer.refCnt()).isZero();
        assertThat(channel.finish()).isFalse();
    }

    @Test
    void decode_exactlyTheMaximum_isAccepted() {
        EmbeddedChannel channel = decoder();

        channel.writeInbound(frame(MAX, 5));

        byte[] frame = channel.readInbound();
        assertThat(frame).hasSize(MAX);
        assertThat(frame[0]).isEqualTo((byte) 5);
        assertThat(frame[MAX - 1]).isEqualTo((byte) 5);
    }

    @Test
    void decode_maximumPlusOne_failsFromTheHeaderAlone() {
        EmbeddedChannel channel = decoder();

        assertThatThrownBy(() -> channel.writeInbound(header(MAX + 1)))
                .isInstanceOf(BadFrameException.class)
                .hasMessage("frame length 1048577 is over the limit of 1048576 bytes");
        assertThat(channel.inboundMessages()).isEmpty();
    }

    @Test
    void decode_twoGigabyteHeaderWithNoBody_failsImmediately() {
        EmbeddedChannel channel = decoder();

        assertThatThrownBy(() -> channel.writeInbound(header(Integer.MAX_VALUE)))
                .isInstanceOf(BadFrameException.class)
                .hasMessage("frame length 2147483647 is over the limit of 1048576 bytes");
    }

    @Test
    void decode_negativeLength_fails() {
        EmbeddedChannel channel = decoder();

        assertThatThrownBy(() -> channel.writeInbound(header(-1)))
                .isInstanceOf(BadFrameException.class)
                .hasMessage("frame length 4294967295 is over the limit of 1048576 bytes");
    }

    @Test
    void decode_zeroLength_fails() {
        EmbeddedChannel channel = decoder();

        assertThatThrownBy(() -> channel.writeInbound(header(0)))
                .isInstanceOf(BadFrameException.class)
                .hasMessage("empty frame (length 0)");
    }

    @Test
    void decode_afterAFailure_ignoresEverythingElse() {
        EmbeddedChannel channel = decoder();
        assertThatThrownBy(() -> channel.writeInbound(Unpooled.wrappedBuffer(header(0), frame(2, 1))))
                .isInstanceOf(BadFrameException.class);

        ByteBuf more = frame(3, 4);
        assertThat(channel.writeInbound(more)).isFalse();

        assertThat(channel.inboundMessages()).isEmpty();
        assertThat(more.refCnt()).isZero();
    }

    @Test
    void decode_framesBeforeABadHeader_areStillDelivered() {
        EmbeddedChannel channel = decoder();

        assertThatThrownBy(() -> channel.writeInbound(Unpooled.wrappedBuffer(frame(2, 9), header(MAX + 1))))
                .isInstanceOf(BadFrameException.class);

        assertThat((byte[]) channel.readInbound()).containsExactly(9, 9);
    }

    @Test
    void encode_writesTheFourBytePrefixThenThePayload() {
        EmbeddedChannel channel = new EmbeddedChannel(LengthPrefixEncoder.INSTANCE);

        assertThat(channel.writeOutbound(new byte[] {10, 20, 30})).isTrue();

        ByteBuf out = channel.readOutbound();
        assertThat(out.readableBytes()).isEqualTo(7);
        assertThat(out.readInt()).isEqualTo(3);
        assertThat(out.readByte()).isEqualTo((byte) 10);
        assertThat(out.readByte()).isEqualTo((byte) 20);
        assertThat(out.readByte()).isEqualTo((byte) 30);
        out.release();
    }

    @Test
    void encodeThenDecode_restoresTheFrame() {
        EmbeddedChannel encoder = new EmbeddedChannel(LengthPrefixEncoder.INSTANCE);
        EmbeddedChannel decoder = decoder();
        byte[] payload = {1, 2, 3, 4, 5, 6, 7, 8, 9};

        encoder.writeOutbound(payload.clone());
        decoder.writeInbound((ByteBuf) encoder.readOutbound());

        assertThat((byte[]) decoder.readInbound()).isEqualTo(payload);
    }
}
