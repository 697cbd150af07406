package dev.blindrelay.transport.tcp;

import dev.blindrelay.spi.Connector;
import dev.blindrelay.spi.RelayHandler;
import dev.blindrelay.spi.RelayServer;
import dev.blindrelay.spi.Transport;
import dev.blindrelay.spi.TransportOptions;
import dev.blindrelay.transport.netty.NettyConnector;
import dev.blindrelay.transport.netty.NettyRelayServer;

import java.io.IOException;
import java.net.InetSocketAddress;

/** Frames as a 4-byte big-endian length followed by the payload, over plain TCP (Netty NIO). */
public final class TcpTransport implements Transport {

    static final String ID = "tcp";

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
        return "4-byte big-endian length + payload over TCP";
    }

    @Override
    public RelayServer listen(InetSocketAddress address, RelayHandler handler, TransportOptions options)
            throws IOException {
        return NettyRelayServer.listen(TcpFraming.INSTANCE, address, handler, options);
    }

    @Override
    public Connector connector(TransportOptions options) {
        return NettyConnector.open(TcpFraming.INSTANCE, options);
    }
}
