package dev.blindrelay.relay;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RelayLimitsTest {

    @Test
    void constructor_rejectsNonsense() {
        RelayLimits ok = RelayLimits.defaults();
        assertThatThrownBy(() -> ok.withMaxConnections(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxConnections");
        assertThatThrownBy(() -> ok.withJoinTimeout(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("joinTimeout");
        assertThatThrownBy(() -> ok.withJoinTimeout(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ok.withMaxQueuedBytes(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxQueuedBytes");
        assertThatThrownBy(() -> ok.withRateLimit(-1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ok.withRateLimit(0, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void with_changesOnlyItsField() {
        RelayLimits limits = RelayLimits.defaults().withMaxConnections(5).withRateLimit(10, 20)
                .withJoinTimeout(Duration.ofMillis(300)).withMaxQueuedBytes(99);
        assertThat(limits).isEqualTo(new RelayLimits(5, Duration.ofMillis(300), 99, 10, 20));
    }

    @Test
    void defaults_unlimitedRate() {
        assertThat(RelayLimits.defaults().framesPerSecond()).isZero();
    }
}
