package dev.blindrelay.cli.limits;

import dev.blindrelay.relay.RelayLimits;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Slowloris: a connection that holds a slot without ever joining is closed after the join timeout. */
class JoinTimeoutTest {

    private static final RelayLimits QUICK = RelayLimits.defaults().withJoinTimeout(Duration.ofMillis(300));

    @Test
    void silentConnection_isClosedAfterTheTimeoutWithAReason() throws IOException {
        try (LiveRelay relay = LiveRelay.start(QUICK);
             WorkingPair bystanders = WorkingPair.join(relay);
             RawClient silent = relay.connect()) {

            assertThat(silent.awaitFatalErrorThenClose()).isEqualTo("no JOIN within 0.3 s; closing");
            bystanders.assertStillChatting();
        }
    }

    @Test
    void halfALengthPrefix_isClosedAfterTheTimeout() throws IOException {
        try (LiveRelay relay = LiveRelay.start(QUICK);
             RawClient slow = relay.connect()) {
            slow.sendBytes(new byte[] {0, 0});

            assertThat(slow.awaitFatalErrorThenClose()).isEqualTo("no JOIN within 0.3 s; closing");
            Eventually.holds("the slot being free again", () -> relay.relay.router().connectionCount() == 0);
        }
    }

    @Test
    void joinedConnection_outlivesTheTimeout() throws IOException {
        try (LiveRelay relay = LiveRelay.start(QUICK);
             WorkingPair joined = WorkingPair.join(relay);
             RawClient late = relay.connect()) {
            // The late connection's timeout firing proves the joined pair's own timeouts have passed too.
            late.awaitFatalErrorThenClose();

            joined.assertStillChatting();
            assertThat(relay.refused).hasSize(1);
        }
    }
}
