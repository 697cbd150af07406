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
        for (int kind : new int[] {0, Acknowledgement.KIND, 4, 0x80, 0x83, 255}) {
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
        assertThat(ChatPayload.isAcknowledgement(new Acknowledgement(1L).encode())).isTrue();
        assertThat(ChatPayload.isAcknowledgement(new ChatPayload(ChatPayload.Kind.ROOM, 1, "x").encode())).isFalse();
        assertThat(ChatPayload.isAcknowledgement(new byte[0])).isFalse();
    }

    @Test
    void encode_sentAgainSetsBit0x80OfTheKindAndKeepsTheId() throws Exception {
        ChatPayload again = new ChatPayload(ChatPayload.Kind.DIRECT, 0x0102, "hi").sentAgain();
        assertThat(HexFormat.of().formatHex(again.encode())).isEqualTo("82" + "0000000000000102" + "6869");
        assertThat(ChatPayload.parse(again.encode())).isEqualTo(again);
        assertThat(again.again()).isTrue();
        assertThat(ChatPayload.parse(new ChatPayload(ChatPayload.Kind.ROOM, 5, "x").sentAgain().encode()))
                .isEqualTo(new ChatPayload(ChatPayload.Kind.ROOM, 5, "x", true));
    }

    @Test
    void parse_invalidUtf8TextRejectedNotReplaced() {
        byte[] valid = new ChatPayload(ChatPayload.Kind.ROOM, 1, "ok").encode();
        for (byte[] bad : new byte[][] {{(byte) 0xC3, 0x28}, {(byte) 0xFF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                {(byte) 0xE2, (byte) 0x82}}) {
            byte[] body = Arrays.copyOf(valid, 9 + bad.length);
            System.arraycopy(bad, 0, body, 9, bad.length);
            assertThatThrownBy(() -> ChatPayload.parse(body)).isInstanceOf(MalformedFrameException.class)
                    .hasMessage("message text is not valid UTF-8");
        }
    }

    @Test
    void parse_emptyTextAllowed() throws Exception {
        assertThat(ChatPayload.parse(new ChatPayload(ChatPayload.Kind.ROOM, 7, "").encode()).text()).isEmpty();
    }
}
