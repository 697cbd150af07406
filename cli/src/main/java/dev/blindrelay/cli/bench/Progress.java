package dev.blindrelay.cli.bench;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Waits for a count to reach a target while it keeps moving: a load of any size may take as long as
 * it needs, but one that stops making progress for {@link #STALL} is reported instead of hanging.
 */
final class Progress {

    static final Duration STALL = Duration.ofSeconds(30);

    private Progress() {
    }

    /** @return true when {@code count} reached {@code target}; false when it stopped moving first */
    static boolean await(LongSupplier count, long target) throws InterruptedException {
        long last = count.getAsLong();
        long lastChange = System.nanoTime();
        while (last < target) {
            Thread.sleep(5);
            long now = count.getAsLong();
            if (now != last) {
                last = now;
                lastChange = System.nanoTime();
            } else if (System.nanoTime() - lastChange > STALL.toNanos()) {
                return false;
            }
        }
        return true;
    }
}
