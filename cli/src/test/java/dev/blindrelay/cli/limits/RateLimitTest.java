package dev.blindrelay.cli.limits;

import dev.blindrelay.relay.RelayLimits;
import dev.blindrelay.testing.TestFrames;
import dev.blindrelay.wire.FrameType;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.SocketException;

import static org.assertj.core.api.Assertions.assertThat;

class RateLimitTest {

    /** Far above a person typing (a handshake and a few messages stay inside the burst), far below a flood. */
    private static final RelayLimits LIMITED = RelayLimits.defaults().withRateLimit(20, 40);

    @Test
    void floodingClient_isDisconnectedWithTheReasonWhileOthersKeepChatting() throws IOException {
        try (LiveRelay relay = LiveRelay.start(LIMITED);
             Chatter alice = Chatter.join("alice", "lobby", relay.address());
             Chatter bob = Chatter.join("bob", "lobby", relay.address());
             RawClient flooder = relay.join("flooder", "elsewhere")) {
            alice.events.awaitSecured("bob");
            bob.events.awaitSecured("alice");

            byte[] ping = TestFrames.ping("flooder", "elsewhere");
            try {
                for (int i = 0; i < 1000; i++) {
                    flooder.send(ping);
                }
            } catch (SocketException cutOff) {
                // the relay may close before the flood is over
            }

            assertThat(flooder.awaitFatalErrorThenClose())
                    .isEqualTo("rate limit exceeded (20 frames/s); slow down");
            alice.client.send("still here?");
            bob.events.awaitMessage("alice", "still here?");
            bob.client.send("yes");
            alice.events.awaitMessage("bob", "yes");
            assertThat(alice.events.disconnects()).isEmpty();
            assertThat(bob.events.disconnects()).isEmpty();
        }
    }

    @Test
    void clientWithinTheRate_isNeverCut() throws IOException {
        try (LiveRelay relay = LiveRelay.start(LIMITED);
             RawClient steady = relay.join("steady", "lobby")) {
            for (int i = 0; i < 30; i++) {
                steady.send(TestFrames.ping("steady", "lobby"));
                steady.readUntil(FrameType.PONG);
            }
            // 31 frames in all, inside the burst of 40: the link is still open and answering.
            assertThat(relay.refused).isEmpty();
        }
    }
}
