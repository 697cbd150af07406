package dev.blindrelay.cli.limits;

import dev.blindrelay.relay.RelayLimits;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class MalformedFrameTest {

    /** A DATA frame from 'eve' to 'bob' in 'lobby' with one part broken, and the reason the relay must give. */
    static Stream<Arguments> brokenFrames() {
        return Stream.of(
                arguments("bad version", bytes(2, 0x20, 3, 'e', 'v', 'e', 3, 'b', 'o', 'b', 5, 'l', 'o', 'b', 'b', 'y'),
                        "malformed frame: unsupported protocol version 2; this build speaks 1"),
                arguments("unknown type", bytes(1, 0x0b, 3, 'e', 'v', 'e', 3, 'b', 'o', 'b', 5, 'l', 'o', 'b', 'b', 'y'),
                        "malformed frame: unknown frame type 0x0b"),
                arguments("sender not UTF-8", bytes(1, 0x20, 3, 'e', 0xC3, 0x28, 3, 'b', 'o', 'b', 5, 'l', 'o', 'b', 'b', 'y'),
                        "malformed frame: sender is not valid UTF-8"),
                arguments("truncated room", bytes(1, 0x20, 3, 'e', 'v', 'e', 3, 'b', 'o', 'b', 9, 'l', 'o'),
                        "malformed frame: truncated room: need 9 bytes, have 2"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenFrames")
    void malformedFrame_closesOnlyThatConnectionWithAReason(String what, byte[] frame, String reason)
            throws IOException {
        try (LiveRelay relay = LiveRelay.start(RelayLimits.defaults());
             WorkingPair bystanders = WorkingPair.join(relay);
             RawClient eve = relay.join("eve", "lobby")) {

            eve.send(frame);

            assertThat(eve.awaitFatalErrorThenClose()).isEqualTo(reason);
            bystanders.assertStillChatting();
        }
    }

    private static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }
}
