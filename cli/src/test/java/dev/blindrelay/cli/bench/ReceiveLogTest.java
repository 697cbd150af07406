package dev.blindrelay.cli.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReceiveLogTest {

    @Test
    void record_sameSequenceTwice_isADuplicate() {
        ReceiveLog log = new ReceiveLog();

        assertThat(log.record(1, 5)).isTrue();
        assertThat(log.record(1, 5)).isFalse();
        assertThat(log.record(2, 5)).as("another sender's 5").isTrue();

        assertThat(log.received()).isEqualTo(3);
        assertThat(log.duplicates()).isEqualTo(1);
    }

    @Test
    void distinctFrom_countsEachSequenceOnceInAnyOrder() {
        ReceiveLog log = new ReceiveLog();
        for (int seq : new int[] {3, 0, 2, 3, 9}) {
            log.record(7, seq);
        }

        assertThat(log.distinctFrom(7, Integer.MAX_VALUE)).isEqualTo(4);
        assertThat(log.distinctFrom(7, 3)).as("below 3").isEqualTo(2);
        assertThat(log.distinctFrom(8, 100)).isZero();
    }
}
