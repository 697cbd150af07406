package dev.blindrelay.relay;

/**
 * A token bucket: {@code perSecond} tokens a second, at most {@code burst} saved up. Not thread-safe;
 * each connection's frames arrive on one transport thread.
 */
final class RateLimiter {

    private final double perNano;
    private final double burst;
    private double tokens;
    private long last;

    RateLimiter(int perSecond, int burst, long now) {
        this.perNano = perSecond / 1e9;
        this.burst = Math.max(1, burst);
        this.tokens = this.burst;
        this.last = now;
    }

    boolean tryAcquire(long now) {
        tokens = Math.min(burst, tokens + (now - last) * perNano);
        last = now;
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }
}
