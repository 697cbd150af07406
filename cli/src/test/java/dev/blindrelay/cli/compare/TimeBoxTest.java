package dev.blindrelay.cli.compare;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TimeBoxTest {

    @Test
    void perSecond_slowOperation_stillRunsAndCounts() throws Exception {
        AtomicLong runs = new AtomicLong();
        TimeBox box = new TimeBox(Duration.ofMillis(5));

        double rate = box.perSecond(() -> {
            runs.incrementAndGet();
            long end = System.nanoTime() + 20_000_000;
            while (System.nanoTime() < end) {
                Thread.onSpinWait();
            }
            return 1;
        });

        assertThat(runs.get()).as("warm-up and each slice run at least once").isEqualTo(1 + TimeBox.SLICES);
        assertThat(rate).isBetween(1.0, 60.0);
    }

    @Test
    void new_warmupIsAFraction() {
        TimeBox box = new TimeBox(Duration.ofSeconds(1));

        assertThat(box.measure()).isEqualTo(Duration.ofSeconds(1));
        assertThat(box.warmup()).isEqualTo(Duration.ofMillis(250));
    }

    @Test
    void new_zero_refused() {
        assertThatThrownBy(() -> new TimeBox(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }
}
