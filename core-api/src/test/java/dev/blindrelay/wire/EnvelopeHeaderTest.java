package dev.blindrelay.wire;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EnvelopeHeaderTest {

    private static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex);
    }

    /** version 1, DATA, "al" -> "bo" in "lo", body 0xCAFE. */
    private static final byte[] FRAME = hex("01" + "20" + "02616c" + "02626f" + "026c6f" + "cafe");

    @Test
    void parse_readsEveryFieldAndBodyOffset() throws Exception {
        EnvelopeHeader header = EnvelopeHeader.parse(FRAME);
        assertThat(header.type()).isEqualTo(FrameType.DATA);
        assertThat(header.sender()).isEqualTo("al");
        assertThat(header.recipient()).isEqualTo("bo");
        assertThat(header.room()).isEqualTo("lo");
        assertThat(header.bodyOffset()).isEqualTo(11);
        assertThat(header.bodyLength(FRAME)).isEqualTo(2);
        assertThat(Arrays.copyOfRange(FRAME, header.bodyOffset(), FRAME.length)).containsExactly(0xCA - 256, 0xFE - 256);
    }

    @Test
    void parse_emptyNamesAllowed() throws Exception {
        EnvelopeHeader header = EnvelopeHeader.parse(hex("0106000000"));
        assertThat(header.type()).isEqualTo(FrameType.NOTICE);
        assertThat(header.sender()).isEmpty();
        assertThat(header.recipient()).isEmpty();
        assertThat(header.room()).isEmpty();
        assertThat(header.bodyOffset()).isEqualTo(5);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 2, 0x7f, 0xff})
    void parse_unsupportedVersion(int version) {
        byte[] frame = FRAME.clone();
        frame[0] = (byte) version;
        assertThatThrownBy(() -> EnvelopeHeader.parse(frame))
                .isInstanceOf(MalformedFrameException.class)
                .hasMessage("unsupported protocol version " + version + "; this build speaks 1");
    }

    @ParameterizedTest
    @ValueSource(ints = {0x00, 0x09, 0x0f})
    void parse_unknownRelayType(int code) {
        byte[] frame = FRAME.clone();
        frame[1] = (byte) code;
        assertThatThrownBy(() -> EnvelopeHeader.parse(frame))
                .isInstanceOf(MalformedFrameException.class)
                .hasMessage(String.format("unknown frame type 0x%02x", code));
    }

    @ParameterizedTest
    @ValueSource(ints = {0x14, 0x1f, 0x21, 0xff})
    void parse_undefinedPeerToPeerType_isPeerToPeerAndKeepsItsCode(int code) throws Exception {
        byte[] frame = FRAME.clone();
        frame[1] = (byte) code;
        EnvelopeHeader header = EnvelopeHeader.parse(frame);
        assertThat(header.type()).isEqualTo(FrameType.UNDEFINED_PEER_TO_PEER);
        assertThat(header.type().isPeerToPeer()).isTrue();
        assertThat(header.code()).isEqualTo(code);
        assertThat(header.typeName()).isEqualTo(String.format("type 0x%02x", code));
        assertThatThrownBy(() -> Envelope.parse(frame)).isInstanceOf(MalformedFrameException.class)
                .hasMessageContaining("not defined in this version");
    }

    @Test
    void parse_everyTruncationOfTheHeader() {
        for (int length = 0; length < 11; length++) {
            byte[] prefix = Arrays.copyOf(FRAME, length);
            assertThatThrownBy(() -> EnvelopeHeader.parse(prefix)).as("first %d bytes", length)
                    .isInstanceOf(MalformedFrameException.class).hasMessageContaining("truncated");
        }
    }

    @Test
    void parse_invalidUtf8InEachName() {
        assertThatThrownBy(() -> EnvelopeHeader.parse(hex("0120" + "01ff" + "00" + "00")))
                .isInstanceOf(MalformedFrameException.class).hasMessage("sender is not valid UTF-8");
        assertThatThrownBy(() -> EnvelopeHeader.parse(hex("0120" + "00" + "02c328" + "00")))
                .isInstanceOf(MalformedFrameException.class).hasMessage("recipient is not valid UTF-8");
        assertThatThrownBy(() -> EnvelopeHeader.parse(hex("0120" + "00" + "00" + "03eda080")))
                .isInstanceOf(MalformedFrameException.class).hasMessage("room is not valid UTF-8");
    }

    @Test
    void parse_namesFollowTheNameRules() {
        byte[] spaced = new WireWriter().u8(1).u8(0x20).str8("a b").str8("bob").str8("lobby").toByteArray();
        assertThatThrownBy(() -> EnvelopeHeader.parse(spaced))
                .isInstanceOf(MalformedFrameException.class).hasMessageContaining("sender 'a b' may not contain");

        byte[] slash = new WireWriter().u8(1).u8(0x20).str8("al").str8("../bob").str8("lobby").toByteArray();
        assertThatThrownBy(() -> EnvelopeHeader.parse(slash))
                .isInstanceOf(MalformedFrameException.class).hasMessageContaining("recipient");

        byte[] longRoom = new WireWriter().u8(1).u8(0x20).str8("al").str8("bo").str8("r".repeat(33)).toByteArray();
        assertThatThrownBy(() -> EnvelopeHeader.parse(longRoom))
                .isInstanceOf(MalformedFrameException.class).hasMessageContaining("room").hasMessageContaining("32 bytes");

        byte[] control = new WireWriter().u8(1).u8(0x20).str8("al\u0007").str8("bo").str8("lo").toByteArray();
        assertThatThrownBy(() -> EnvelopeHeader.parse(control)).isInstanceOf(MalformedFrameException.class);
    }

    @Test
    void parse_doesNotCopyOrChangeTheFrame() throws Exception {
        byte[] frame = FRAME.clone();
        EnvelopeHeader.parse(frame);
        assertThat(frame).isEqualTo(FRAME);
    }

    @Test
    void parse_unicodeNamesMeasuredInBytes() throws Exception {
        byte[] frame = new WireWriter().u8(1).u8(0x01).str8("日本").str8("").str8("部屋").toByteArray();
        EnvelopeHeader header = EnvelopeHeader.parse(frame);
        assertThat(header.sender()).isEqualTo("日本");
        assertThat(header.bodyOffset()).isEqualTo(2 + 1 + "日本".getBytes(StandardCharsets.UTF_8).length + 1 + 1 + 6);
    }
}
