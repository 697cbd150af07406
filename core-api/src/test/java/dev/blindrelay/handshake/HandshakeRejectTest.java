package dev.blindrelay.handshake;

import dev.blindrelay.wire.MalformedFrameException;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HandshakeRejectTest {

    private static final HandshakeReject REJECT = new HandshakeReject(HandshakeReject.SUITE_MISMATCH,
            "X448_HKDF-SHA256_AES-128-GCM", "bob uses suite X448_HKDF-SHA256_AES-128-GCM — ça");

    @Test
    void parse_roundTrip() throws Exception {
        assertThat(HandshakeReject.parse(REJECT.encode())).isEqualTo(REJECT);
    }

    @Test
    void reasons_distinct() {
        assertThat(new int[] {HandshakeReject.SUITE_MISMATCH, HandshakeReject.VERSION_MISMATCH, HandshakeReject.INVALID})
                .doesNotHaveDuplicates();
    }

    @Test
    void parse_everyTruncation() {
        byte[] body = REJECT.encode();
        for (int length = 0; length < body.length; length++) {
            byte[] prefix = Arrays.copyOf(body, length);
            assertThatThrownBy(() -> HandshakeReject.parse(prefix)).as("first %d bytes", length)
                    .isInstanceOf(MalformedFrameException.class).hasMessageContaining("truncated");
        }
    }

    @Test
    void parse_trailingBytes() {
        byte[] body = Arrays.copyOf(REJECT.encode(), REJECT.encode().length + 2);
        assertThatThrownBy(() -> HandshakeReject.parse(body))
                .isInstanceOf(MalformedFrameException.class).hasMessageContaining("handshake reject has 2 unexpected");
    }
}
