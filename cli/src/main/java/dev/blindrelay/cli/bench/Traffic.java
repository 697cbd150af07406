package dev.blindrelay.cli.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What every receiver of one load reports, together: distinct deliveries, the latency of those in
 * the measured round, when the last one arrived, and anything that went wrong. Updated from the
 * transport threads.
 */
final class Traffic {

    private static final int PROBLEMS_KEPT = 5;

    private final Latency latency = new Latency();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong lastArrival = new AtomicLong();
    private final AtomicLong problemCount = new AtomicLong();
    private final List<String> firstProblems = new ArrayList<>();
    /** Messages with a sequence number from here on are the measured round; earlier ones warm up. */
    private volatile int measuredFrom = Integer.MAX_VALUE;

    /** A message arrived; {@code fresh} is false for a duplicate (which is also a problem). */
    void arrived(Stamp stamp, boolean fresh, String from, String to) {
        long now = System.nanoTime();
        if (!fresh) {
            problem("duplicate: message " + stamp.seq() + " from " + from + " to " + to + " arrived again");
            return;
        }
        delivered.incrementAndGet();
        if (stamp.seq() >= measuredFrom) {
            latency.record(now - stamp.sentNanos());
            lastArrival.accumulateAndGet(now, Math::max);
        }
    }

    /**
     * For one thread that counts its arrivals itself (the raw load): {@code fresh} new deliveries, the last at
     * {@code now}. Their latencies go to {@link Latency#add}.
     */
    void arrivedTogether(int fresh, long now) {
        delivered.addAndGet(fresh);
        lastArrival.accumulateAndGet(now, Math::max);
    }

    void problem(String line) {
        problemCount.incrementAndGet();
        synchronized (firstProblems) {
            if (firstProblems.size() < PROBLEMS_KEPT) {
                firstProblems.add(line);
            }
        }
    }

    int measuredFrom() {
        return measuredFrom;
    }

    void measureFrom(int seq) {
        measuredFrom = seq;
    }

    long delivered() {
        return delivered.get();
    }

    long lastArrivalNanos() {
        return lastArrival.get();
    }

    Latency latency() {
        return latency;
    }

    long problems() {
        return problemCount.get();
    }

    List<String> firstProblems() {
        synchronized (firstProblems) {
            return List.copyOf(firstProblems);
        }
    }
}
