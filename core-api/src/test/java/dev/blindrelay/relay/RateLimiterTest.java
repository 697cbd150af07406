package dev.blindrelay.relay;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RateLimiterTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void tryAcquire_burstThenRefillAtTheSustainedRate() {
        RateLimiter limiter = new RateLimiter(10, 3, 0);
        assertThat(limiter.tryAcquire(0)).isTrue();
        assertThat(limiter.tryAcquire(0)).isTrue();
        assertThat(limiter.tryAcquire(0)).isTrue();
        assertThat(limiter.tryAcquire(0)).isFalse();
        assertThat(limiter.tryAcquire(SECOND / 20)).as("half a token after 50 ms").isFalse();
        assertThat(limiter.tryAcquire(SECOND / 10)).as("one token after 100 ms").isTrue();
        assertThat(limiter.tryAcquire(SECOND / 10)).isFalse();
    }

    @Test
    void tryAcquire_savesAtMostTheBurst() {
        RateLimiter limiter = new RateLimiter(10, 2, 0);
        long later = 60 * SECOND;
        assertThat(limiter.tryAcquire(later)).isTrue();
        assertThat(limiter.tryAcquire(later)).isTrue();
        assertThat(limiter.tryAcquire(later)).isFalse();
    }

    @Test
    void tryAcquire_zeroBurstStillAllowsOne() {
        RateLimiter limiter = new RateLimiter(1, 0, 0);
        assertThat(limiter.tryAcquire(0)).isTrue();
        assertThat(limiter.tryAcquire(0)).isFalse();
    }
}
