package dev.blindrelay.handshake;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/** Work handed to another core that the caller now needs: done here if no thread has started it yet. */
final class CallerRuns {

    private CallerRuns() {
    }

    /**
     * The task's result: runs it here if nobody started it, else waits for it. The wait ignores interrupts (the
     * task is a short computation, already running) and then restores the interrupt for the caller.
     */
    static <T> T result(FutureTask<T> task) throws ExecutionException {
        task.run(); // does nothing when another thread runs it or ran it
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return task.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
