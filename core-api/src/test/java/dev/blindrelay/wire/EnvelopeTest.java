package dev.blindrelay.wire;

import org.junit.jupiter.api.Test;

import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EnvelopeTest {

    @Test
    void encode_layout() {
        byte[] frame = new Envelope(FrameType.DATA, "al", "bo", "lo", new byte[] {(byte) 0xCA, (byte) 0xFE}).encode();
        assertThat(HexFormat.of().formatHex(frame)).isEqualTo("0120" + "02616c" + "02626f" + "026c6f" + "cafe");
    }

    @Test
    void parse_roundTripsEveryType() throws Exception {
        for (FrameType type : FrameType.values()) {
            if (type == FrameType.UNDEFINED_PEER_TO_PEER) {
                assertThatThrownBy(() -> new Envelope(type, "a", "b", "c", new byte[0]))
                        .isInstanceOf(IllegalArgumentException.class);
                continue;
            }
            Envelope original = new Envelope(type, "älice", "bob", "lobby-1", new byte[] {1, 2, 3});
            Envelope parsed = Envelope.parse(original.encode());
            assertThat(parsed.type()).isEqualTo(type);
            assertThat(parsed.sender()).isEqualTo("älice");
            assertThat(parsed.recipient()).isEqualTo("bob");
            assertThat(parsed.room()).isEqualTo("lobby-1");
            assertThat(parsed.body()).containsExactly(1, 2, 3);
            assertThat(parsed.encode()).isEqualTo(original.encode());
        }
    }

    @Test
    void parse_emptyAndLargeBodies() throws Exception {
        assertThat(Envelope.parse(new Envelope(FrameType.JOIN, "a", "", "r", new byte[0]).encode()).body()).isEmpty();
        byte[] big = new byte[100_000];
        big[99_999] = 7;
        assertThat(Envelope.parse(new Envelope(FrameType.DATA, "a", "b", "r", big).encode()).body()).isEqualTo(big);
    }

    @Test
    void parse_bodyIsACopy() throws Exception {
        byte[] frame = new Envelope(FrameType.DATA, "a", "b", "r", new byte[] {5}).encode();
        Envelope parsed = Envelope.parse(frame);
        frame[frame.length - 1] = 9;
        assertThat(parsed.body()).containsExactly(5);
    }

    @Test
    void fromRelay_hasNoSender() throws Exception {
        Envelope notice = Envelope.parse(Envelope.fromRelay(FrameType.NOTICE, "bob", "lobby", new byte[0]).encode());
        assertThat(notice.sender()).isEmpty();
        assertThat(notice.recipient()).isEqualTo("bob");
        assertThat(notice.room()).isEqualTo("lobby");
    }

    @Test
    void parse_malformedHeaderRejected() {
        assertThatThrownBy(() -> Envelope.parse(new byte[] {1})).isInstanceOf(MalformedFrameException.class);
        assertThatThrownBy(() -> Envelope.parse(new byte[] {2, 0x20, 0, 0, 0})).isInstanceOf(MalformedFrameException.class);
    }
}
