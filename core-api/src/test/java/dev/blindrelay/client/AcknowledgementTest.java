package dev.blindrelay.client;

import dev.blindrelay.wire.MalformedFrameException;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AcknowledgementTest {

    @Test
    void encode_layout() {
        assertThat(HexFormat.of().formatHex(new Acknowledgement(1L, 0x0102L).encode()))
                .isEqualTo("03" + "0002" + "0000000000000001" + "0000000000000102");
    }

    @Test
    void parse_roundTripsUpToTheMaximum() throws Exception {
        long[] ids = new long[Acknowledgement.MAX_IDS];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = Long.MIN_VALUE + i;
        }
        Acknowledgement parsed = Acknowledgement.parse(new Acknowledgement(ids).encode());
        assertThat(parsed.ids()).isEqualTo(ids);
        assertThat(parsed.count()).isEqualTo(ids.length);
        assertThat(parsed.id(ids.length - 1)).isEqualTo(Long.MIN_VALUE + ids.length - 1);
        assertThat(parsed).isEqualTo(new Acknowledgement(ids));
    }

    @Test
    void new_refusesNoIdsAndTooMany() {
        assertThatThrownBy(() -> new Acknowledgement()).isInstanceOf(IllegalArgumentException.class);
        long[] tooMany = new long[Acknowledgement.MAX_IDS + 1];
        assertThatThrownBy(() -> new Acknowledgement(tooMany)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Acknowledgement(tooMany, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void new_takesTheFirstCountIdsAndCopiesThem() {
        long[] buffer = {5, 6, 7, 8};
        Acknowledgement ack = new Acknowledgement(buffer, 2);
        buffer[0] = 99;
        assertThat(ack.ids()).containsExactly(5, 6);
        ack.ids()[1] = 99;
        assertThat(ack.id(1)).isEqualTo(6);
    }

    @Test
    void parse_zeroCountTruncationTrailingBytesAndWrongKind() {
        assertThatThrownBy(() -> Acknowledgement.parse(HexFormat.of().parseHex("030000")))
                .isInstanceOf(MalformedFrameException.class).hasMessageContaining("1 to");
        byte[] body = new Acknowledgement(7L, 8L).encode();
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
