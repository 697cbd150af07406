package dev.blindrelay.wire;

import org.junit.jupiter.api.Test;

import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WireReaderTest {

    private static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex);
    }

    @Test
    void read_roundTripsEveryFieldWrittenByWireWriter() throws Exception {
        byte[] encoded = new WireWriter()
                .u8(0).u8(255).u16(0).u16(0xFFFF).u64(0).u64(-1L).u64(0x0102030405060708L)
                .str8("").str8("héllo 🎉").bytes8(new byte[] {1, 2}).bytes16(new byte[300]).raw(new byte[] {9, 9})
                .toByteArray();
        WireReader reader = new WireReader(encoded);

        assertThat(reader.u8("a")).isZero();
        assertThat(reader.u8("b")).isEqualTo(255);
        assertThat(reader.u16("c")).isZero();
        assertThat(reader.u16("d")).isEqualTo(0xFFFF);
        assertThat(reader.u64("e")).isZero();
        assertThat(reader.u64("f")).isEqualTo(-1L);
        assertThat(reader.u64("g")).isEqualTo(0x0102030405060708L);
        assertThat(reader.str8("h")).isEmpty();
        assertThat(reader.str8("i")).isEqualTo("héllo 🎉");
        assertThat(reader.bytes8("j")).containsExactly(1, 2);
        assertThat(reader.bytes16("k")).hasSize(300).containsOnly(0);
        assertThat(reader.remaining()).isEqualTo(2);
        assertThat(reader.rest()).containsExactly(9, 9);
        assertThat(reader.remaining()).isZero();
        reader.expectEnd("message");
    }

    @Test
    void read_bigEndianLayout() throws Exception {
        WireReader reader = new WireReader(hex("0102" + "0a0b0c0d0e0f1011"));
        assertThat(reader.u16("x")).isEqualTo(0x0102);
        assertThat(reader.u64("y")).isEqualTo(0x0a0b0c0d0e0f1011L);
        assertThat(reader.position()).isEqualTo(10);
    }

    @Test
    void u8_truncated() {
        assertThatThrownBy(() -> new WireReader(new byte[0]).u8("version"))
                .isInstanceOf(MalformedFrameException.class)
                .hasMessage("truncated version: need 1 bytes, have 0");
    }

    @Test
    void u16_truncated() {
        assertThatThrownBy(() -> new WireReader(new byte[1]).u16("count"))
                .isInstanceOf(MalformedFrameException.class).hasMessageContaining("truncated count: need 2 bytes, have 1");
    }

    @Test
    void u64_truncatedAtEveryLength() {
        for (int length = 0; length < 8; length++) {
            int have = length;
            assertThatThrownBy(() -> new WireReader(new byte[have]).u64("counter"))
                    .isInstanceOf(MalformedFrameException.class).hasMessageContaining("have " + have);
        }
    }

    @Test
    void str8_lengthPrefixMissing() {
        assertThatThrownBy(() -> new WireReader(new byte[0]).str8("sender"))
                .isInstanceOf(MalformedFrameException.class).hasMessageContaining("truncated sender length");
    }

    @Test
    void str8_bodyShorterThanPrefix() {
        assertThatThrownBy(() -> new WireReader(hex("05616263")).str8("sender"))
                .isInstanceOf(MalformedFrameException.class)
                .hasMessage("truncated sender: need 5 bytes, have 3");
    }

    @Test
    void str8_invalidUtf8IsMalformedNotReplaced() {
        for (String bad : new String[] {"01ff", "02c328", "03e28228", "02c0af", "03eda080", "04f8888080"}) {
            assertThatThrownBy(() -> new WireReader(hex(bad)).str8("room")).as(bad)
                    .isInstanceOf(MalformedFrameException.class).hasMessage("room is not valid UTF-8");
        }
    }

    @Test
    void str8_failureDoesNotAdvance() throws Exception {
        WireReader reader = new WireReader(hex("02c328"));
        assertThatThrownBy(() -> reader.str8("room")).isInstanceOf(MalformedFrameException.class);
        assertThat(reader.position()).isEqualTo(1);
    }

    @Test
    void bytes8_truncated() {
        assertThatThrownBy(() -> new WireReader(hex("0401")).bytes8("confirmation"))
                .isInstanceOf(MalformedFrameException.class).hasMessageContaining("truncated confirmation");
    }

    @Test
    void bytes16_truncatedPrefixAndBody() {
        assertThatThrownBy(() -> new WireReader(hex("00")).bytes16("key"))
                .isInstanceOf(MalformedFrameException.class).hasMessageContaining("truncated key length");
        assertThatThrownBy(() -> new WireReader(hex("ffff00")).bytes16("key"))
                .isInstanceOf(MalformedFrameException.class).hasMessageContaining("need 65535 bytes, have 1");
    }

    @Test
    void fixed_negativeLengthIsMalformed() {
        assertThatThrownBy(() -> new WireReader(new byte[4]).fixed(-1, "tag"))
                .isInstanceOf(MalformedFrameException.class).hasMessageContaining("truncated tag");
    }

    @Test
    void fixed_exactAndTooLong() throws Exception {
        WireReader reader = new WireReader(hex("010203"));
        assertThat(reader.fixed(3, "all")).containsExactly(1, 2, 3);
        assertThatThrownBy(() -> reader.fixed(1, "more")).isInstanceOf(MalformedFrameException.class);
    }

    @Test
    void expectEnd_trailingBytesCounted() throws Exception {
        WireReader reader = new WireReader(hex("01020304"));
        reader.u8("first");
        assertThatThrownBy(() -> reader.expectEnd("ping"))
                .isInstanceOf(MalformedFrameException.class)
                .hasMessage("ping has 3 unexpected trailing bytes");
    }

    @Test
    void offsetConstructor_readsOnlyTheWindow() throws Exception {
        byte[] data = hex("aa0102bb");
        WireReader reader = new WireReader(data, 1, 2);
        assertThat(reader.position()).isEqualTo(1);
        assertThat(reader.remaining()).isEqualTo(2);
        assertThat(reader.u16("x")).isEqualTo(0x0102);
        assertThatThrownBy(() -> reader.u8("beyond")).isInstanceOf(MalformedFrameException.class);
        reader.expectEnd("window");
    }

    @Test
    void rest_emptyAtEnd() throws Exception {
        WireReader reader = new WireReader(hex("01"));
        reader.u8("x");
        assertThat(reader.rest()).isEmpty();
    }

    /** The ASCII check reads eight bytes at a time: a byte at or above 0x80 is caught wherever it lies. */
    @Test
    void restText_findsANonAsciiByteAtEveryPlaceAndOffset() throws Exception {
        for (int offset = 0; offset < 9; offset++) {
            for (int length = 0; length < 40; length++) {
                byte[] frame = new byte[offset + length + 3];
                java.util.Arrays.fill(frame, (byte) 'a');
                assertThat(new WireReader(frame, offset, length).restText("text")).isEqualTo("a".repeat(length));
                for (int at = 0; at < length; at++) {
                    byte[] invalid = frame.clone();
                    invalid[offset + at] = (byte) 0x80; // a lone continuation byte: not UTF-8
                    WireReader reader = new WireReader(invalid, offset, length);
                    assertThatThrownBy(() -> reader.restText("text"))
                            .isInstanceOf(MalformedFrameException.class).hasMessageContaining("not valid UTF-8");
                    byte[] latin = frame.clone();
                    latin[offset + at] = (byte) 0xC3; // with the next byte, a valid two-byte sequence
                    if (at + 1 < length) {
                        latin[offset + at + 1] = (byte) 0xA9;
                        assertThat(new WireReader(latin, offset, length).restText("text"))
                                .isEqualTo("a".repeat(at) + "é" + "a".repeat(length - at - 2));
                    }
                }
            }
        }
    }
}
