package dev.blindrelay.client;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** A client's one timer thread, started on first use: reconnect delays and other deadlines. */
final class ClientTimer {

    private final String clientName;
    private ScheduledExecutorService executor;
    private boolean stopped;

    ClientTimer(String clientName) {
        this.clientName = clientName;
    }

    /** Runs {@code task} after {@code delay}; nothing once stopped. The task takes the locks it needs. */
    synchronized void later(Runnable task, Duration delay) {
        if (stopped) {
            return;
        }
        if (executor == null) {
            executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "timer-" + clientName);
                thread.setDaemon(true);
                return thread;
            });
        }
        executor.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    synchronized void stop() {
        stopped = true;
        if (executor != null) {
            executor.shutdownNow();
        }
    }
}
