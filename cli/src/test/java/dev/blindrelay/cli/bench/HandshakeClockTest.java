package dev.blindrelay.cli.bench;

import dev.blindrelay.client.HandshakeStage;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The handshake clock: the whole handshake and its steps, on a clock the test moves. */
class HandshakeClockTest {

    private long now = 1_000_000;
    private final HandshakeClock clock = new HandshakeClock(() -> now);

    private void after(long micros) {
        now += micros * 1_000;
    }

    @Test
    void completeHandshake_isSplitIntoItsSevenSteps_thatAddUpToTheWhole() {
        clock.started("bob", "alice");
        after(30);
        clock.step("bob", "alice", HandshakeStage.INIT_SENT);
        after(100);
        clock.step("alice", "bob", HandshakeStage.INIT_RECEIVED);
        after(250);
        clock.step("alice", "bob", HandshakeStage.RESPONSE_SENT);
        after(110);
        clock.step("bob", "alice", HandshakeStage.RESPONSE_RECEIVED);
        after(300);
        clock.step("bob", "alice", HandshakeStage.FINISH_SENT);
        after(10);
        clock.secured("bob", "alice"); // the initiator is done; the pair is not
        assertThat(clock.completed()).isZero();
        after(120);
        clock.step("alice", "bob", HandshakeStage.FINISH_RECEIVED);
        after(180);
        clock.secured("alice", "bob");

        assertThat(clock.completed()).isEqualTo(1);
        double[] expected = {30, 100, 250, 110, 300, 130, 180};
        for (int i = 0; i < expected.length; i++) {
            assertThat(clock.step(i).micros(50)).as(HandshakeClock.STEPS.get(i)).isCloseTo(expected[i], within(1.0));
        }
        assertThat(clock.latency().micros(50)).isCloseTo(1100, within(2.0));
    }

    @Test
    void handshakeWithAMomentMissing_countsWhole_butNotInTheSteps() {
        clock.started("bob", "alice");
        after(500);
        clock.step("bob", "alice", HandshakeStage.INIT_SENT); // the rest was never reported
        clock.secured("bob", "alice");
        after(500);
        clock.secured("alice", "bob");

        assertThat(clock.completed()).isEqualTo(1);
        assertThat(clock.latency().count()).isEqualTo(1);
        assertThat(clock.step(0).count()).isZero();
    }
}
