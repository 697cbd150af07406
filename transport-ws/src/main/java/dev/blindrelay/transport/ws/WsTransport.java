package dev.blindrelay.transport.ws;

import dev.blindrelay.spi.Connector;
import dev.blindrelay.spi.RelayHandler;
import dev.blindrelay.spi.RelayServer;
import dev.blindrelay.spi.Transport;
import dev.blindrelay.spi.TransportOptions;
import dev.blindrelay.transport.netty.NettyConnector;
import dev.blindrelay.transport.netty.NettyRelayServer;

import java.io.IOException;
import java.net.InetSocketAddress;

/** Frames as binary WebSocket messages at {@code ws://host:port/relay} (Netty NIO). */
public final class WsTransport implements Transport {

    static final String ID = "ws";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String provider() {
        return "Netty NIO";
    }

    @Override
    public String description() {
        return "one binary WebSocket message per frame at ws://host:port/relay";
    }

    @Override
    public RelayServer listen(InetSocketAddress address, RelayHandler handler, TransportOptions options)
            throws IOException {
        return NettyRelayServer.listen(WsFraming.INSTANCE, address, handler, options);
    }

    @Override
    public Connector connector(TransportOptions options) {
        return NettyConnector.open(WsFraming.INSTANCE, options);
    }
}
