package dev.blindrelay.wire;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RelayMessagesTest {

    private static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex);
    }

    @Test
    void members_roundTrip() throws Exception {
        assertThat(RelayMessages.parseMembers(RelayMessages.members(List.of()))).isEmpty();
        List<String> names = List.of("alice", "bob", "émile", "日本");
        assertThat(RelayMessages.parseMembers(RelayMessages.members(names))).isEqualTo(names);
        assertThat(HexFormat.of().formatHex(RelayMessages.members(List.of("a", "bc")))).isEqualTo("0002" + "0161" + "026263");
    }

    @Test
    void parseMembers_truncatedAtEveryLength() {
        byte[] body = RelayMessages.members(List.of("alice", "bob"));
        for (int length = 0; length < body.length; length++) {
            byte[] prefix = Arrays.copyOf(body, length);
            assertThatThrownBy(() -> RelayMessages.parseMembers(prefix)).as("first %d bytes", length)
                    .isInstanceOf(MalformedFrameException.class).hasMessageContaining("truncated");
        }
    }

    @Test
    void parseMembers_countLargerThanTheList() {
        assertThatThrownBy(() -> RelayMessages.parseMembers(hex("ffff" + "0161")))
                .isInstanceOf(MalformedFrameException.class).hasMessageContaining("truncated member name");
    }

    @Test
    void parseMembers_trailingBytes() {
        assertThatThrownBy(() -> RelayMessages.parseMembers(hex("0001" + "0161" + "00")))
                .isInstanceOf(MalformedFrameException.class).hasMessageContaining("trailing");
    }

    @Test
    void parseMembers_invalidOrEmptyName() {
        assertThatThrownBy(() -> RelayMessages.parseMembers(hex("0001" + "00")))
                .isInstanceOf(MalformedFrameException.class).hasMessageContaining("must not be empty");
        assertThatThrownBy(() -> RelayMessages.parseMembers(hex("0001" + "03612062")))
                .isInstanceOf(MalformedFrameException.class).hasMessageContaining("may not contain");
        assertThatThrownBy(() -> RelayMessages.parseMembers(hex("0001" + "01ff")))
                .isInstanceOf(MalformedFrameException.class).hasMessageContaining("UTF-8");
    }

    @Test
    void name_roundTripAndMalformed() throws Exception {
        assertThat(RelayMessages.parseName(RelayMessages.name("carol"))).isEqualTo("carol");
        assertThatThrownBy(() -> RelayMessages.parseName(new byte[0])).isInstanceOf(MalformedFrameException.class);
        assertThatThrownBy(() -> RelayMessages.parseName(hex("0161" + "62")))
                .isInstanceOf(MalformedFrameException.class).hasMessageContaining("trailing");
        assertThatThrownBy(() -> RelayMessages.parseName(hex("022f61")))
                .isInstanceOf(MalformedFrameException.class).hasMessageContaining("may not contain");
    }

    @Test
    void error_roundTripFatalAndNot() throws Exception {
        RelayMessages.RelayError fatal = RelayMessages.parseError(RelayMessages.error(true, "name taken: ça"));
        assertThat(fatal.fatal()).isTrue();
        assertThat(fatal.reason()).isEqualTo("name taken: ça");
        RelayMessages.RelayError soft = RelayMessages.parseError(RelayMessages.error(false, ""));
        assertThat(soft.fatal()).isFalse();
        assertThat(soft.reason()).isEmpty();
    }

    @Test
    void parseError_anyNonZeroFlagIsFatal() throws Exception {
        assertThat(RelayMessages.parseError(hex("07" + "0000")).fatal()).isTrue();
    }

    @Test
    void parseError_truncatedAndTrailing() {
        byte[] body = RelayMessages.error(true, "bye");
        for (int length = 0; length < body.length; length++) {
            byte[] prefix = Arrays.copyOf(body, length);
            assertThatThrownBy(() -> RelayMessages.parseError(prefix)).isInstanceOf(MalformedFrameException.class);
        }
        byte[] trailing = Arrays.copyOf(body, body.length + 1);
        assertThatThrownBy(() -> RelayMessages.parseError(trailing))
                .isInstanceOf(MalformedFrameException.class).hasMessageContaining("trailing");
    }

    @Test
    void error_longReasonTruncatedTo1000Characters() throws Exception {
        String reason = RelayMessages.parseError(RelayMessages.error(false, "x".repeat(5000))).reason();
        assertThat(reason).hasSize(1000);
    }

    @Test
    void text_roundTripAndMalformed() throws Exception {
        assertThat(RelayMessages.parseText(RelayMessages.text("relay is shutting down"))).isEqualTo("relay is shutting down");
        assertThat(RelayMessages.parseText(RelayMessages.text("y".repeat(3000)))).hasSize(1000);
        String unicode = "é".repeat(1000);
        assertThat(RelayMessages.text(unicode)).hasSize(2 + unicode.getBytes(StandardCharsets.UTF_8).length);
        assertThatThrownBy(() -> RelayMessages.parseText(hex("00"))).isInstanceOf(MalformedFrameException.class);
        assertThatThrownBy(() -> RelayMessages.parseText(hex("0005616263")))
                .isInstanceOf(MalformedFrameException.class).hasMessageContaining("truncated");
        assertThatThrownBy(() -> RelayMessages.parseText(hex("000161" + "00")))
                .isInstanceOf(MalformedFrameException.class).hasMessageContaining("trailing");
    }
}
