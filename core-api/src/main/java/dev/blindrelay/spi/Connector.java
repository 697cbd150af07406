package dev.blindrelay.spi;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/** Opens client connections of one transport; owns the threads they run on. */
public interface Connector extends AutoCloseable {

    /**
     * Connects to a relay. Frames arrive on {@code listener}, on a transport thread, in order.
     *
     * @throws IOException with a one-line reason when the relay cannot be reached
     */
    ClientConnection connect(InetSocketAddress address, FrameListener listener) throws IOException;

    /**
     * Connects from the local address {@code source} (the port is the system's choice). Ephemeral ports are
     * counted per source address, so a load of many connections spreads over several loopback addresses
     * ({@code 127.0.0.2}, ...) once one address runs out. A transport that cannot choose says so.
     *
     * @throws IOException with a one-line reason when the relay cannot be reached from {@code source}
     */
    default ClientConnection connect(InetSocketAddress address, InetAddress source, FrameListener listener)
            throws IOException {
        throw new IOException("this transport cannot choose the source address of a connection");
    }

    /** Closes every connection it opened and stops its threads. */
    @Override
    void close();
}
