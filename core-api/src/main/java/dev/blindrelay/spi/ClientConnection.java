package dev.blindrelay.spi;

import java.time.Duration;

/** A client's connection to a relay. */
public interface ClientConnection extends AutoCloseable {

    /** Queues and flushes one frame. Never blocks; the caller must not modify {@code frame} afterwards. */
    void send(byte[] frame);

    boolean isOpen();

    /**
     * Runs {@code task} after {@code delay} on the thread that delivers this connection's frames, or returns
     * false when the transport has no such thread to offer (the caller then uses a timer of its own). A client's
     * handshake deadlines go here: set from that thread they wake nobody, while a separate timer thread was woken
     * on every handshake's path. A task due after the transport shut down is dropped.
     */
    default boolean schedule(Runnable task, Duration delay) {
        return false;
    }

    /** Flushes what is queued and closes. */
    @Override
    void close();
}
