package dev.blindrelay.spi;

import java.io.IOException;
import java.net.InetSocketAddress;

/** Opens client connections of one transport; owns the threads they run on. */
public interface Connector extends AutoCloseable {

    /**
     * Connects to a relay. Frames arrive on {@code listener}, on a transport thread, in order.
     *
     * @throws IOException with a one-line reason when the relay cannot be reached
     */
    ClientConnection connect(InetSocketAddress address, FrameListener listener) throws IOException;

    /** Closes every connection it opened and stops its threads. */
    @Override
    void close();
}
