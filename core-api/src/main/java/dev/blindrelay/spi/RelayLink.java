package dev.blindrelay.spi;

/** One client connection as the relay sees it. Implemented by each transport. */
public interface RelayLink {

    /** Transport id plus remote address, for logs, e.g. {@code tcp/127.0.0.1:53122}. */
    String describe();

    /**
     * Queues a frame for sending. Never blocks. Writes are flushed in batches by the transport, so
     * the caller does not flush per frame. The caller must not modify {@code frame} afterwards.
     */
    void send(byte[] frame);

    /**
     * Queues a frame without flushing, for a caller that sends a batch from another thread (a relay cluster
     * delivering what NATS brought) and then calls {@link #flush()} once: one wake-up and one write for the
     * batch instead of one per frame.
     */
    default void write(byte[] frame) {
        send(frame);
    }

    /** Flushes what {@link #write} queued. */
    default void flush() {
    }

    /** False while more than the high-water mark is queued (see {@link TransportOptions}). */
    boolean isWritable();

    /** Bytes queued and not yet written to the socket. */
    long queuedBytes();

    /** Stops or resumes reading from this link (backpressure towards a fast sender). */
    void setReading(boolean reading);

    /** Flushes what is queued, then closes. Safe to call more than once. */
    void close();

    /**
     * Closes at once, dropping what is queued: for a client that stopped reading, whose queue
     * would never flush. Safe to call more than once, and after {@link #close()}.
     */
    void abort();
}
