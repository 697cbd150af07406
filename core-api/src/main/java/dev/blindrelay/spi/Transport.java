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
     * Client-side threads that many connections share (a load test runs thousands of clients in one
     * JVM). The caller closes it when its last connection is done.
     */
    Connector connector(TransportOptions options);
}
