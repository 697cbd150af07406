package dev.blindrelay.handshake;

import dev.blindrelay.wire.MalformedFrameException;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static dev.blindrelay.handshake.HandshakeInitTest.filled;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HandshakeResponseTest {

    private static final HandshakeResponse RESPONSE = new HandshakeResponse(1, "X448_HKDF-SHA256_AES-128-GCM",
            filled(32, 1), filled(56, 2), filled(64, 3), filled(32, 4));

    @Test
    void parse_roundTrip() throws Exception {
        HandshakeResponse parsed = HandshakeResponse.parse(RESPONSE.encode());
        assertThat(parsed.version()).isEqualTo(1);
        assertThat(parsed.suiteId()).isEqualTo(RESPONSE.suiteId());
        assertThat(parsed.identityKey()).isEqualTo(RESPONSE.identityKey());
        assertThat(parsed.ephemeralKey()).isEqualTo(RESPONSE.ephemeralKey());
        assertThat(parsed.signature()).isEqualTo(RESPONSE.signature());
        assertThat(parsed.confirmation()).isEqualTo(RESPONSE.confirmation());
        assertThat(parsed.encode()).isEqualTo(RESPONSE.encode());
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
