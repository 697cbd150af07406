package dev.blindrelay.relay;

import java.time.Duration;

/**
 * The relay's hard limits, each enforced per connection so that one client cannot hurt the others.
 *
 * @param maxConnections     connections beyond this are refused with a reason
 * @param joinTimeout        a connection that has not joined a room by then is closed (slowloris)
 * @param maxQueuedBytes     outbound bytes queued for one slow client before it is disconnected
 * @param framesPerSecond    sustained frames a client may send per second (0 = unlimited)
 * @param frameBurst         frames a client may send at once above the sustained rate
 * @param stallTimeout       a client whose outbound queue is full and that reads nothing for this long is
 *                           disconnected, so the senders paused for it (backpressure) can go on
 */
public record RelayLimits(int maxConnections, Duration joinTimeout, long maxQueuedBytes, int framesPerSecond,
                          int frameBurst, Duration stallTimeout) {

    public static final Duration DEFAULT_STALL_TIMEOUT = Duration.ofSeconds(10);

    /** Limits with the default stall timeout. */
    public RelayLimits(int maxConnections, Duration joinTimeout, long maxQueuedBytes, int framesPerSecond,
                       int frameBurst) {
        this(maxConnections, joinTimeout, maxQueuedBytes, framesPerSecond, frameBurst, DEFAULT_STALL_TIMEOUT);
    }

    public RelayLimits {
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections must be at least 1, got " + maxConnections);
        }
        if (joinTimeout.isNegative() || joinTimeout.isZero()) {
            throw new IllegalArgumentException("joinTimeout must be positive, got " + joinTimeout);
        }
        if (maxQueuedBytes < 1) {
            throw new IllegalArgumentException("maxQueuedBytes must be positive, got " + maxQueuedBytes);
        }
        if (stallTimeout.isNegative() || stallTimeout.isZero()) {
            throw new IllegalArgumentException("stallTimeout must be positive, got " + stallTimeout);
        }
        if (framesPerSecond < 0 || frameBurst < 0) {
            throw new IllegalArgumentException("rate limits must not be negative");
        }
    }

    /** Generous defaults for a chat relay: far above human chat, low enough to stop a flood. */
    public static RelayLimits defaults() {
        return new RelayLimits(20_000, Duration.ofSeconds(10), 16L << 20, 0, 0);
    }

    public RelayLimits withMaxConnections(int value) {
        return new RelayLimits(value, joinTimeout, maxQueuedBytes, framesPerSecond, frameBurst, stallTimeout);
    }

    public RelayLimits withJoinTimeout(Duration value) {
        return new RelayLimits(maxConnections, value, maxQueuedBytes, framesPerSecond, frameBurst, stallTimeout);
    }

    public RelayLimits withMaxQueuedBytes(long value) {
        return new RelayLimits(maxConnections, joinTimeout, value, framesPerSecond, frameBurst, stallTimeout);
    }

    public RelayLimits withRateLimit(int perSecond, int burst) {
        return new RelayLimits(maxConnections, joinTimeout, maxQueuedBytes, perSecond, burst, stallTimeout);
    }

    public RelayLimits withStallTimeout(Duration value) {
        return new RelayLimits(maxConnections, joinTimeout, maxQueuedBytes, framesPerSecond, frameBurst, value);
    }
}
