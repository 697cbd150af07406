package dev.blindrelay.transport.ws;

import dev.blindrelay.transport.netty.NettyTransport;

/** Frames as binary WebSocket messages at {@code ws://host:port/relay} (Netty NIO). */
public final class WsTransport extends NettyTransport {

    public WsTransport() {
        super(WsFraming.INSTANCE, "one binary WebSocket message per frame at ws://host:port/relay");
    }
}
