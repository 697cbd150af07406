package dev.blindrelay.handshake;

import dev.blindrelay.wire.MalformedFrameException;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HexFormat;

import static dev.blindrelay.handshake.HandshakeInitTest.filled;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HandshakeFinishTest {

    private static final HandshakeFinish FINISH = new HandshakeFinish(filled(64, 5), filled(32, 6));

    @Test
    void parse_roundTrip() throws Exception {
        HandshakeFinish parsed = HandshakeFinish.parse(FINISH.encode());
        assertThat(parsed.signature()).isEqualTo(FINISH.signature());
        assertThat(parsed.confirmation()).isEqualTo(FINISH.confirmation());
    }

    @Test
    void encode_layout() {
        assertThat(HexFormat.of().formatHex(new HandshakeFinish(new byte[] {1}, new byte[] {2, 3}).encode()))
                .isEqualTo("000101" + "020203");
    }

    @Test
    void parse_everyTruncation() {
        byte[] body = FINISH.encode();
        for (int length = 0; length < body.length; length++) {
            byte[] prefix = Arrays.copyOf(body, length);
            assertThatThrownBy(() -> HandshakeFinish.parse(prefix)).as("first %d bytes", length)
                    .isInstanceOf(MalformedFrameException.class).hasMessageContaining("truncated");
        }
    }

    @Test
    void parse_trailingBytes() {
        byte[] body = Arrays.copyOf(FINISH.encode(), FINISH.encode().length + 1);
        assertThatThrownBy(() -> HandshakeFinish.parse(body))
                .isInstanceOf(MalformedFrameException.class).hasMessageContaining("handshake finish has 1 unexpected");
    }
}
