package dev.blindrelay.transport.netty;

import dev.blindrelay.spi.Connector;
import dev.blindrelay.spi.RelayHandler;
import dev.blindrelay.spi.RelayServer;
import dev.blindrelay.spi.Transport;
import dev.blindrelay.spi.TransportOptions;

import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * A transport made of the shared Netty plumbing and one {@link Framing}. A concrete transport is a
 * final subclass with a no-arg constructor that names its framing. Immutable.
 */
public abstract class NettyTransport implements Transport {

    private final Framing framing;
    private final String description;

    protected NettyTransport(Framing framing, String description) {
        this.framing = framing;
        this.description = description;
    }

    @Override
    public final String id() {
        return framing.transportId();
    }

    @Override
    public final String provider() {
        return "Netty NIO";
    }

    @Override
    public final String description() {
        return description;
    }

    @Override
    public final RelayServer listen(InetSocketAddress address, RelayHandler handler, TransportOptions options)
            throws IOException {
        return NettyRelayServer.listen(framing, address, handler, options);
    }

    @Override
    public final Connector connector(TransportOptions options) {
        return NettyConnector.open(framing, options);
    }
}
