package dev.blindrelay.client;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * After a lost connection, tries to connect and join again with growing, jittered delays until it
 * works or the client is closed.
 */
final class Reconnector {

    private static final long MAX_DELAY_MS = 8_000;
    private static final int MAX_DOUBLINGS = 5;

    /** One attempt to connect and join; throws with a one-line reason. */
    interface Attempt {
        void run() throws IOException;
    }

    private final Duration firstDelay;
    private final ClientTimer timer;
    private final Object lock;
    private final ChatListener listener;
    private final Attempt attempt;
    private int failures;
    private boolean stopped;

    /** @param lock the client's lock, held while reporting and deciding to retry */
    Reconnector(Duration firstDelay, ClientTimer timer, Object lock, ChatListener listener, Attempt attempt) {
        this.firstDelay = firstDelay;
        this.timer = timer;
        this.lock = lock;
        this.listener = listener;
        this.attempt = attempt;
    }

    /** Schedules the first attempt after a lost connection. Called with the client's lock held. */
    void scheduleAttempt() {
        scheduleAttempt(null);
    }

    /**
     * Schedules the next attempt, with one status line for it that also says why the last one
     * failed, if it did. Called with the client's lock held.
     */
    private void scheduleAttempt(String lastFailure) {
        long base = firstDelay.toMillis() << Math.min(failures, MAX_DOUBLINGS);
        long delay = Math.min(base, MAX_DELAY_MS) + ThreadLocalRandom.current().nextLong(1 + base / 5);
        failures++;
        String next = String.format("attempt %d in %.1f s...", failures, delay / 1000.0);
        listener.status(lastFailure == null ? "Reconnecting: " + next
                : "Reconnect attempt " + (failures - 1) + " failed (" + lastFailure + "); " + next);
        timer.later(this::tryOnce, Duration.ofMillis(delay));
    }

    private void tryOnce() {
        try {
            attempt.run();
            synchronized (lock) {
                failures = 0;
                listener.status("Reconnected to the relay; every session gets a fresh handshake");
            }
        } catch (IOException e) {
            synchronized (lock) {
                if (!stopped) {
                    scheduleAttempt(e.getMessage());
                }
            }
        }
    }

    /** The client is closed: no more attempts. Called with the client's lock held. */
    void stop() {
        stopped = true;
    }
}
