package dev.blindrelay.spi;

import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * Moves whole frames between clients and a relay. A transport only turns bytes into frames and back:
 * all routing decisions live once in core ({@code dev.blindrelay.relay.RelayRouter}).
 * Immutable and stateless: every call returns a handle that owns its own resources.
 */
public interface Transport extends Plugin {

    /** One line for {@code blindrelay transports}, e.g. "length-prefixed frames over TCP". */
    String description();

    /**
     * Starts listening and hands every connection and frame to {@code handler}.
     *
     * @throws IOException when the address cannot be bound (for example, the port is in use)
     */
    RelayServer listen(InetSocketAddress address, RelayHandler handler, TransportOptions options)
            throws IOException;

    /**
     * Connects a client. Frames arrive on {@code listener}, on a transport thread.
     *
     * @throws IOException when the relay cannot be reached
     */
    ClientConnection connect(InetSocketAddress address, FrameListener listener, TransportOptions options)
            throws IOException;
}
