package dev.blindrelay.spi;

import java.nio.ByteBuffer;

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
     * As {@link #send(byte[])}, for the bytes between {@code frame}'s position and limit, which are copied before
     * this returns (the caller's buffer may be reused); the position is left as it was. A transport may gather
     * the frames sent on its own thread into one buffer and write them together. By default: copied into an array.
     */
    default void send(ByteBuffer frame) {
        byte[] copy = new byte[frame.remaining()];
        frame.get(frame.position(), copy);
        send(copy);
    }

    /**
     * As {@link #send(byte[])}, for a caller on another thread that sends many frames in a row (a relay cluster
     * delivering what NATS brought): the link may gather them and write and flush them together, one
     * wake-up of its thread and one write per batch instead of per frame.
     */
    default void sendBatched(byte[] frame) {
        send(frame);
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
