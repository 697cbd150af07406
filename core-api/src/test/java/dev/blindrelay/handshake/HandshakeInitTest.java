package dev.blindrelay.handshake;

import dev.blindrelay.wire.MalformedFrameException;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HandshakeInitTest {

    private static final HandshakeInit INIT = new HandshakeInit(1, "X448_HKDF-SHA256_AES-128-GCM", filled(32, 1),
            filled(56, 2));

    static byte[] filled(int length, int value) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }

    @Test
    void parse_roundTrip() throws Exception {
        HandshakeInit parsed = HandshakeInit.parse(INIT.encode());
        assertThat(parsed.version()).isEqualTo(1);
        assertThat(parsed.suiteId()).isEqualTo(INIT.suiteId());
        assertThat(parsed.identityKey()).isEqualTo(INIT.identityKey());
        assertThat(parsed.ephemeralKey()).isEqualTo(INIT.ephemeralKey());
        assertThat(parsed.encode()).isEqualTo(INIT.encode());
    }

    @Test
    void encode_layout() {
        byte[] encoded = new HandshakeInit(1, "A_B_C", new byte[] {7}, new byte[] {8, 9}).encode();
        assertThat(HexFormat.of().formatHex(encoded)).isEqualTo("01" + "05415f425f43" + "000107" + "00020809");
    }

    @Test
    void parse_everyTruncation() {
        byte[] body = INIT.encode();
        for (int length = 0; length < body.length; length++) {
            byte[] prefix = Arrays.copyOf(body, length);
            assertThatThrownBy(() -> HandshakeInit.parse(prefix)).as("first %d bytes", length)
                    .isInstanceOf(MalformedFrameException.class).hasMessageContaining("truncated");
        }
    }

    @Test
    void parse_trailingBytes() {
        byte[] body = Arrays.copyOf(INIT.encode(), INIT.encode().length + 1);
        assertThatThrownBy(() -> HandshakeInit.parse(body))
                .isInstanceOf(MalformedFrameException.class)
                .hasMessage("handshake init has 1 unexpected trailing bytes");
    }

    @Test
    void parse_invalidUtf8SuiteId() {
        assertThatThrownBy(() -> HandshakeInit.parse(HexFormat.of().parseHex("01" + "01ff" + "0000" + "0000")))
                .isInstanceOf(MalformedFrameException.class).hasMessageContaining("suite id is not valid UTF-8");
    }
}
