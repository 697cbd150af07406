package dev.blindrelay.client;

import dev.blindrelay.wire.MalformedFrameException;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChatPayloadTest {

    @Test
    void parse_roundTripsEveryKind() throws Exception {
        for (ChatPayload.Kind kind : ChatPayload.Kind.values()) {
            ChatPayload payload = new ChatPayload(kind, Long.MIN_VALUE + 3, "hé 🎉");
            assertThat(ChatPayload.parse(payload.encode())).isEqualTo(payload);
        }
    }

    @Test
    void encode_layout() {
        assertThat(HexFormat.of().formatHex(new ChatPayload(ChatPayload.Kind.DIRECT, 0x0102, "hi").encode()))
                .isEqualTo("02" + "0000000000000102" + "6869");
    }

    @Test
    void parse_unknownKind() {
        for (int kind : new int[] {0, Acknowledgement.KIND, 4, 255}) {
            byte[] body = new ChatPayload(ChatPayload.Kind.ROOM, 1, "x").encode();
            body[0] = (byte) kind;
            assertThatThrownBy(() -> ChatPayload.parse(body))
                    .isInstanceOf(MalformedFrameException.class).hasMessage("unknown message kind " + kind);
        }
    }

    @Test
    void parse_truncatedKindOrId() {
        byte[] body = new ChatPayload(ChatPayload.Kind.ROOM, 42, "").encode();
        for (int length = 0; length < body.length; length++) {
            byte[] prefix = Arrays.copyOf(body, length);
            assertThatThrownBy(() -> ChatPayload.parse(prefix)).as("first %d bytes", length)
                    .isInstanceOf(MalformedFrameException.class).hasMessageContaining("truncated");
        }
    }

    @Test
    void isAcknowledgement_onlyForKind3() {
        assertThat(ChatPayload.isAcknowledgement(new Acknowledgement(java.util.List.of(1L)).encode())).isTrue();
        assertThat(ChatPayload.isAcknowledgement(new ChatPayload(ChatPayload.Kind.ROOM, 1, "x").encode())).isFalse();
        assertThat(ChatPayload.isAcknowledgement(new byte[0])).isFalse();
    }

    @Test
    void parse_emptyTextAllowed() throws Exception {
        assertThat(ChatPayload.parse(new ChatPayload(ChatPayload.Kind.ROOM, 7, "").encode()).text()).isEmpty();
    }
}
