package dev.blindrelay.cli.bench;

import dev.blindrelay.client.HandshakeStage;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.LongSupplier;

/**
 * Times each pairwise handshake through the relay: from the moment the later joiner learns of the
 * member (the relay's WELCOME, just before it generates its keys and sends HANDSHAKE_INIT) until
 * both ends report the session secured (the responder last, after HANDSHAKE_FINISH). That spans
 * three relay hops and all the key generation, agreement, signing and verifying of both ends, and
 * {@link #STEPS} split it there: both ends run in this JVM, so their moments share one clock.
 */
final class HandshakeClock {

    /** What each step of a handshake spans, in order; together they make the whole. */
    static final List<String> STEPS = List.of(
            "initiator: WELCOME to INIT sent",
            "INIT through the relay",
            "responder: INIT to RESPONSE sent",
            "RESPONSE through the relay",
            "initiator: RESPONSE to FINISH sent",
            "FINISH through the relay",
            "responder: FINISH to secured");

    private final ConcurrentHashMap<String, Pending> pending = new ConcurrentHashMap<>();
    private final Latency latency = new Latency();
    private final List<Latency> steps = STEPS.stream().map(step -> new Latency()).toList();
    private final AtomicInteger completed = new AtomicInteger();
    private final AtomicLong lastSecured = new AtomicLong();
    private final LongSupplier nanoTime;

    /**
     * The moments of one handshake: the start, each {@link HandshakeStage}, and the responder's secured
     * (0 until seen). Written by both ends' threads; read by the end that completes the pair.
     */
    private static final class Pending {
        final String responder;
        final AtomicLongArray moments = new AtomicLongArray(STEPS.size() + 1);
        final AtomicInteger ends = new AtomicInteger();

        Pending(String responder, long startNanos) {
            this.responder = responder;
            moments.set(0, startNanos);
        }
    }

    HandshakeClock() {
        this(System::nanoTime);
    }

    HandshakeClock(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    /** The joiner {@code initiator} was welcomed into a room where {@code responder} already is. */
    void started(String initiator, String responder) {
        pending.put(key(initiator, responder), new Pending(responder, nanoTime.getAsLong()));
    }

    /** {@code self} sent or received a handshake message of its handshake with {@code peer}. */
    void step(String self, String peer, HandshakeStage stage) {
        Pending pair = pending.get(key(self, peer));
        if (pair != null) {
            pair.moments.set(stage.ordinal() + 1, nanoTime.getAsLong());
        }
    }

    /** {@code self} reports its session with {@code peer} secured. */
    void secured(String self, String peer) {
        long now = nanoTime.getAsLong();
        Pending pair = pending.get(key(self, peer));
        if (pair == null) {
            return;
        }
        if (self.equals(pair.responder)) {
            pair.moments.set(STEPS.size(), now);
        }
        if (pair.ends.incrementAndGet() == 2) {
            latency.record(now - pair.moments.get(0));
            recordSteps(pair.moments);
            completed.incrementAndGet();
            lastSecured.accumulateAndGet(now, Math::max);
            pending.remove(key(self, peer));
        }
    }

    /** Each step of a handshake whose every moment was seen (a retried INIT, say, leaves gaps: none then). */
    private void recordSteps(AtomicLongArray moments) {
        for (int i = 0; i < moments.length(); i++) {
            if (moments.get(i) == 0) {
                return;
            }
        }
        for (int i = 0; i < steps.size(); i++) {
            steps.get(i).record(moments.get(i + 1) - moments.get(i));
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

    /** The times of step {@code index} of {@link #STEPS}, over the handshakes whose every moment was seen. */
    Latency step(int index) {
        return steps.get(index);
    }

    private static String key(String a, String b) {
        return a.compareTo(b) < 0 ? a + "\u0000" + b : b + "\u0000" + a;
    }
}
