package dev.blindrelay.cli.bench;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Times each pairwise handshake through the relay: from the moment the later joiner learns of the
 * member (the relay's WELCOME, just before it generates its keys and sends HANDSHAKE_INIT) until
 * both ends report the session secured (the responder last, after HANDSHAKE_FINISH). That spans
 * three relay hops and all the key generation, agreement, signing and verifying of both ends.
 */
final class HandshakeClock {

    private final ConcurrentHashMap<String, Pending> pending = new ConcurrentHashMap<>();
    private final Latency latency = new Latency();
    private final AtomicInteger completed = new AtomicInteger();
    private final AtomicLong lastSecured = new AtomicLong();

    private static final class Pending {
        final long startNanos;
        final AtomicInteger ends = new AtomicInteger();

        Pending(long startNanos) {
            this.startNanos = startNanos;
        }
    }

    /** The joiner {@code initiator} was welcomed into a room where {@code responder} already is. */
    void started(String initiator, String responder) {
        pending.put(key(initiator, responder), new Pending(System.nanoTime()));
    }

    /** {@code self} reports its session with {@code peer} secured. */
    void secured(String self, String peer) {
        long now = System.nanoTime();
        Pending pair = pending.get(key(self, peer));
        if (pair != null && pair.ends.incrementAndGet() == 2) {
            latency.record(now - pair.startNanos);
            completed.incrementAndGet();
            lastSecured.accumulateAndGet(now, Math::max);
            pending.remove(key(self, peer));
        }
    }

    int completed() {
        return completed.get();
    }

    long lastSecuredNanos() {
        return lastSecured.get();
    }

    Latency latency() {
        return latency;
    }

    private static String key(String a, String b) {
        return a.compareTo(b) < 0 ? a + "\u0000" + b : b + "\u0000" + a;
    }
}
