package dev.blindrelay.wire;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WireWriterTest {

    private static String hex(WireWriter writer) {
        return HexFormat.of().formatHex(writer.toByteArray());
    }

    @Test
    void write_bigEndianWithLengthPrefixes() {
        assertThat(hex(new WireWriter().u8(7).u16(0x0102).u32(0x0A0B0C0DL).u64(0x1122334455667788L)))
                .isEqualTo("07" + "0102" + "0a0b0c0d" + "1122334455667788");
        assertThat(hex(new WireWriter().str8("ab").bytes8(new byte[] {1}).bytes16(new byte[] {2, 3}).raw(new byte[] {4})))
                .isEqualTo("026162" + "0101" + "00020203" + "04");
    }

    @Test
    void str8_lengthInUtf8Bytes() {
        byte[] encoded = new WireWriter().str8("é").toByteArray();
        assertThat(encoded).containsExactly(2, 0xC3 - 256, 0xA9 - 256);
    }

    @Test
    void u8_outOfRange() {
        assertThatThrownBy(() -> new WireWriter().u8(256)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("256");
        assertThatThrownBy(() -> new WireWriter().u8(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void u16_outOfRange() {
        assertThatThrownBy(() -> new WireWriter().u16(0x10000)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new WireWriter().u16(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void u32_outOfRange() {
        assertThatThrownBy(() -> new WireWriter().u32(0x1_0000_0000L)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new WireWriter().u32(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void str8_longerThan255BytesRejected() {
        String tooLong = "é".repeat(128); // 256 bytes of UTF-8 in 128 characters
        assertThat(tooLong.getBytes(StandardCharsets.UTF_8)).hasSize(256);
        assertThatThrownBy(() -> new WireWriter().str8(tooLong)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new WireWriter().str8("a".repeat(255)).toByteArray()).hasSize(256);
    }

    @Test
    void bytes16_longerThan65535Rejected() {
        assertThatThrownBy(() -> new WireWriter().bytes16(new byte[65536])).isInstanceOf(IllegalArgumentException.class);
    }
}
