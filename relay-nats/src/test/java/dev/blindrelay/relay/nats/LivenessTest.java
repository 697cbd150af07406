package dev.blindrelay.relay.nats;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LivenessTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void aRelayIsAliveUntilSilentForDeadAfter_andAlwaysAliveToItself() {
        Liveness liveness = new Liveness("me", 3 * SECOND);
        assertThat(liveness.isAlive("me")).isTrue();
        assertThat(liveness.heard("me", 0)).isFalse();
        assertThat(liveness.isAlive("other")).isFalse();
        assertThat(liveness.heard("other", 0)).isTrue();
        assertThat(liveness.heard("other", SECOND)).isFalse();
        assertThat(liveness.sweep(3 * SECOND)).isEmpty();
        assertThat(liveness.sweep(4 * SECOND + 1)).containsExactly("other");
        assertThat(liveness.isAlive("other")).isFalse();
    }

    @Test
    void goodbye_endsItAtOnce() {
        Liveness liveness = new Liveness("me", 3 * SECOND);
        liveness.heard("other", 0);
        assertThat(liveness.gone("other")).isTrue();
        assertThat(liveness.gone("other")).isFalse();
        assertThat(liveness.isAlive("other")).isFalse();
    }

    @Test
    void control_roundTrips() throws Exception {
        Control control = new Control(Control.PAUSE, "relayaaaaa", "lobby", "alice");
        assertThat(Control.decode(control.encode())).isEqualTo(control);
    }
}
