package dev.blindrelay.session;

import java.time.Duration;

/**
 * What kind of session a client makes, and the ratchet's two local limits (neither is on the wire).
 *
 * @param kind         ratchet or static; both peers must agree
 * @param stepInterval a side starts a new asymmetric ratchet step at most this often (zero: every time the
 *                     conversation turns). Each step costs a key agreement and a key generation, and under load
 *                     the direction turns with every acknowledgement, so the default keeps a busy session from
 *                     spending its time on steps; a conversation at typing speed steps at every turn
 * @param maxSkipped   how many keys of messages that have not arrived (dropped, or delayed) a session keeps at
 *                     most; a message further ahead than this is refused
 */
public record SessionOptions(SessionKind kind, Duration stepInterval, int maxSkipped) {

    public static final Duration DEFAULT_STEP_INTERVAL = Duration.ofSeconds(1);
    public static final int DEFAULT_MAX_SKIPPED = 1000;

    public SessionOptions {
        if (stepInterval.isNegative()) {
            throw new IllegalArgumentException("stepInterval must not be negative");
        }
        if (maxSkipped < 0) {
            throw new IllegalArgumentException("maxSkipped must not be negative");
        }
    }

    /** A ratchet with the default limits. */
    public static SessionOptions defaults() {
        return of(SessionKind.RATCHET);
    }

    public static SessionOptions of(SessionKind kind) {
        return new SessionOptions(kind, DEFAULT_STEP_INTERVAL, DEFAULT_MAX_SKIPPED);
    }

    public SessionOptions withStepInterval(Duration value) {
        return new SessionOptions(kind, value, maxSkipped);
    }

    public SessionOptions withMaxSkipped(int value) {
        return new SessionOptions(kind, stepInterval, value);
    }
}
