package dev.blindrelay.cli.limits;

import dev.blindrelay.relay.RelayLimits;
import dev.blindrelay.testing.TestFrames;
import dev.blindrelay.wire.FrameType;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

class MaxConnectionsTest {

    @Test
    void extraConnection_getsAOneLineFatalErrorAndTheOthersStay() throws IOException {
        try (LiveRelay relay = LiveRelay.start(RelayLimits.defaults().withMaxConnections(2));
             WorkingPair full = WorkingPair.join(relay);
             RawClient extra = relay.connect()) {

            assertThat(extra.awaitFatalErrorThenClose())
                    .isEqualTo("relay is full (2 connections); try again later");
            full.assertStillChatting();
        }
    }

    @Test
    void slotFreedByALeaver_isGivenToTheNextConnection() throws IOException {
        try (LiveRelay relay = LiveRelay.start(RelayLimits.defaults().withMaxConnections(1))) {
            relay.join("first", "lobby").close();
            Eventually.holds("the relay seeing the first client leave", () -> relay.relay.router().connectionCount() == 0);

            try (RawClient second = relay.join("second", "lobby")) {
                second.send(TestFrames.ping("second", "lobby"));
                assertThat(second.readUntil(FrameType.PONG).type()).isEqualTo(FrameType.PONG);
                assertThat(relay.relay.router().membersOf("lobby")).containsExactly("second");
            }
        }
    }
}
