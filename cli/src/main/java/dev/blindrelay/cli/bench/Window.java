package dev.blindrelay.cli.bench;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The flow control of a closed-loop sender: credits (deliveries it may have outstanding) and the
 * next sequence number, below a limit that each round raises. Lock-free, because the benchmark
 * thread starts a round while transport threads return credits and send on.
 */
final class Window {

    private final AtomicInteger credits;
    private final AtomicInteger next = new AtomicInteger();
    private volatile int limit;

    Window(int credits) {
        this.credits = new AtomicInteger(credits);
    }

    void limit(int value) {
        limit = value;
    }

    /** @return the next sequence number, its {@code cost} in credits taken; -1 when out of credits or numbers */
    int take(int cost) {
        while (true) {
            int available = credits.get();
            int seq = next.get();
            if (available < cost || seq >= limit) {
                return -1;
            }
            if (!credits.compareAndSet(available, available - cost)) {
                continue;
            }
            if (next.compareAndSet(seq, seq + 1)) {
                return seq;
            }
            credits.addAndGet(cost);
        }
    }

    void release(int count) {
        credits.addAndGet(count);
    }
}
