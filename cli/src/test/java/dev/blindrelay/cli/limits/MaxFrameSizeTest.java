package dev.blindrelay.cli.limits;

import dev.blindrelay.relay.RelayLimits;
import dev.blindrelay.spi.TransportOptions;
import dev.blindrelay.testing.TestFrames;
import dev.blindrelay.wire.FrameType;
import org.junit.jupiter.api.Test;

import java.io.DataOutputStream;
import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

class MaxFrameSizeTest {

    @Test
    void oversizedFrame_closesOnlyThatConnectionWithAReason() throws IOException {
        try (LiveRelay relay = LiveRelay.start(RelayLimits.defaults(), TransportOptions.defaults().withMaxFrameLength(1024));
             WorkingPair bystanders = WorkingPair.join(relay);
             RawClient big = relay.join("big", "lobby")) {
            bystanders.assertStillChatting();

            // Only the header of a 2000-byte frame: the limit is enforced before any body arrives.
            new DataOutputStream(big.socket.getOutputStream()).writeInt(2000);

            assertThat(big.awaitFatalErrorThenClose())
                    .isEqualTo("malformed frame: frame length 2000 is over the limit of 1024 bytes");
            bystanders.assertStillChatting();
        }
    }

    @Test
    void frameOfExactlyTheLimit_isForwarded() throws IOException {
        try (LiveRelay relay = LiveRelay.start(RelayLimits.defaults(), TransportOptions.defaults().withMaxFrameLength(1024));
             RawClient alice = relay.join("alice", "lobby");
             RawClient bob = relay.join("bob", "lobby")) {
            byte[] frame = TestFrames.data("alice", "bob", "lobby", new byte[1024 - 18]);
            assertThat(frame).hasSize(1024);

            alice.send(frame);

            assertThat(bob.readUntil(FrameType.DATA).body()).hasSize(1024 - 18);
        }
    }
}
