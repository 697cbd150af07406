package dev.blindrelay.spi;

import java.net.InetSocketAddress;

/** A listening relay endpoint of one transport. */
public interface RelayServer extends AutoCloseable {

    /** The bound address (with the real port when 0 was asked for). */
    InetSocketAddress address();

    /** Stops accepting, closes every link after flushing, and releases threads. */
    @Override
    void close();
}
