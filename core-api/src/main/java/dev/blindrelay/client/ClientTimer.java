package dev.blindrelay.client;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** A client's one timer thread, started when the client starts: reconnect delays and other deadlines. */
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
        start();
        executor.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Starts the thread now. A client calls it before it joins: starting a thread took 0.1-0.3 ms, which the first
     * deadline (each side's first handshake) otherwise paid on the handshake's path, before its message went out.
     */
    synchronized void start() {
        if (executor == null && !stopped) {
            ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(1, runnable -> {
                Thread thread = new Thread(runnable, "timer-" + clientName);
                thread.setDaemon(true);
                return thread;
            });
            pool.prestartCoreThread();
            executor = pool;
        }
    }

    /** Ends the thread while nothing is scheduled (a join failed); the next {@link #later} starts another. */
    synchronized void release() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }

    synchronized void stop() {
        stopped = true;
        if (executor != null) {
            executor.shutdownNow();
        }
    }
}
