package dev.blindrelay.handshake;

import dev.blindrelay.wire.MalformedFrameException;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HexFormat;

import static dev.blindrelay.handshake.HandshakeInitTest.OFFER;
import static dev.blindrelay.handshake.HandshakeInitTest.filled;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HandshakeResponseTest {

    private static final HandshakeResponse RESPONSE = new HandshakeResponse(2, "X448_HKDF-SHA256_AES-128-GCM", OFFER,
            filled(32, 1), filled(56, 2), filled(64, 3), filled(32, 4));

    @Test
    void parse_roundTrip() throws Exception {
        HandshakeResponse parsed = HandshakeResponse.parse(RESPONSE.encode());
        assertThat(parsed.version()).isEqualTo(2);
        assertThat(parsed.suiteId()).isEqualTo(RESPONSE.suiteId());
        assertThat(parsed.offerReceived()).isEqualTo(OFFER);
        assertThat(parsed.identityKey()).isEqualTo(RESPONSE.identityKey());
        assertThat(parsed.ephemeralKey()).isEqualTo(RESPONSE.ephemeralKey());
        assertThat(parsed.signature()).isEqualTo(RESPONSE.signature());
        assertThat(parsed.confirmation()).isEqualTo(RESPONSE.confirmation());
        assertThat(parsed.encode()).isEqualTo(RESPONSE.encode());
    }

    @Test
    void encode_layout() {
        byte[] encoded = new HandshakeResponse(2, "A_B_C", java.util.List.of("D_B_C", "A_B_C"), new byte[] {1},
                new byte[] {2}, new byte[] {3}, new byte[] {4}).encode();
        assertThat(HexFormat.of().formatHex(encoded)).isEqualTo("02" + "05415f425f43" + "02" + "05445f425f43"
                + "05415f425f43" + "000101" + "000102" + "000103" + "0104");
    }

    @Test
    void parse_everyTruncation() {
        byte[] body = RESPONSE.encode();
        for (int length = 0; length < body.length; length++) {
            byte[] prefix = Arrays.copyOf(body, length);
            assertThatThrownBy(() -> HandshakeResponse.parse(prefix)).as("first %d bytes", length)
                    .isInstanceOf(MalformedFrameException.class).hasMessageContaining("truncated");
        }
    }

    @Test
    void parse_trailingBytes() {
        byte[] body = Arrays.copyOf(RESPONSE.encode(), RESPONSE.encode().length + 3);
        assertThatThrownBy(() -> HandshakeResponse.parse(body))
                .isInstanceOf(MalformedFrameException.class)
                .hasMessage("handshake response has 3 unexpected trailing bytes");
    }
}
