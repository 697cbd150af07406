package dev.blindrelay.client;

import dev.blindrelay.wire.MalformedFrameException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AcknowledgementTest {

    @Test
    void encode_layout() {
        assertThat(HexFormat.of().formatHex(new Acknowledgement(List.of(1L, 0x0102L)).encode()))
                .isEqualTo("03" + "0002" + "0000000000000001" + "0000000000000102");
    }

    @Test
    void parse_roundTripsUpToTheMaximum() throws Exception {
        List<Long> ids = new ArrayList<>();
        for (long i = 0; i < Acknowledgement.MAX_IDS; i++) {
            ids.add(Long.MIN_VALUE + i);
        }
        assertThat(Acknowledgement.parse(new Acknowledgement(ids).encode()).ids()).isEqualTo(ids);
    }

    @Test
    void new_refusesNoIdsAndTooMany() {
        assertThatThrownBy(() -> new Acknowledgement(List.of())).isInstanceOf(IllegalArgumentException.class);
        List<Long> tooMany = new ArrayList<>();
        for (long i = 0; i <= Acknowledgement.MAX_IDS; i++) {
            tooMany.add(i);
        }
        assertThatThrownBy(() -> new Acknowledgement(tooMany)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void parse_zeroCountTruncationTrailingBytesAndWrongKind() {
        assertThatThrownBy(() -> Acknowledgement.parse(HexFormat.of().parseHex("030000")))
                .isInstanceOf(MalformedFrameException.class).hasMessageContaining("1 to");
        byte[] body = new Acknowledgement(List.of(7L, 8L)).encode();
        for (int length = 0; length < body.length; length++) {
            byte[] prefix = Arrays.copyOf(body, length);
            assertThatThrownBy(() -> Acknowledgement.parse(prefix)).isInstanceOf(MalformedFrameException.class);
        }
        assertThatThrownBy(() -> Acknowledgement.parse(Arrays.copyOf(body, body.length + 1)))
                .isInstanceOf(MalformedFrameException.class).hasMessageContaining("trailing");
        byte[] message = new ChatPayload(ChatPayload.Kind.ROOM, 1, "hi").encode();
        assertThatThrownBy(() -> Acknowledgement.parse(message)).isInstanceOf(MalformedFrameException.class);
    }
}
