package dev.blindrelay.spi;

/** A client's connection to a relay. */
public interface ClientConnection extends AutoCloseable {

    /** Queues and flushes one frame. Never blocks; the caller must not modify {@code frame} afterwards. */
    void send(byte[] frame);

    boolean isOpen();

    /** Flushes what is queued and closes. */
    @Override
    void close();
}
