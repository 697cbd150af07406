package dev.blindrelay.transport.tcp;

import dev.blindrelay.transport.netty.NettyTransport;

/** Frames as a 4-byte big-endian length followed by the payload, over plain TCP (Netty NIO). */
public final class TcpTransport extends NettyTransport {

    public TcpTransport() {
        super(TcpFraming.INSTANCE, "4-byte big-endian length + payload over TCP");
    }
}
