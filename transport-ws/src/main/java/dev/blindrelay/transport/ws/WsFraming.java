package dev.blindrelay.transport.ws;

import dev.blindrelay.spi.TransportOptions;
import dev.blindrelay.transport.netty.Framing;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;

import java.net.InetSocketAddress;
import java.net.URI;

/**
 * One frame is one binary WebSocket message at {@code ws://host:port/relay}. Netty answers pings,
 * runs the closing handshake and enforces the payload limit per WebSocket frame; fragmented
 * messages are joined up to the same limit.
 */
final class WsFraming implements Framing {

    static final String ID = "ws";

    static final WsFraming INSTANCE = new WsFraming();

    /** The browser client's files, from this transport's class loader (the relay's jar). */
    private static final WebClientFiles WEB_CLIENT = new WebClientFiles(WsFraming.class.getClassLoader());

    static final String PATH = "/relay";

    /** The upgrade request has no body; its headers fit easily. */
    private static final int MAX_HANDSHAKE_LENGTH = 8 * 1024;

    private WsFraming() {
    }

    @Override
    public String transportId() {
        return ID;
    }

    @Override
    public void initRelayPipeline(ChannelPipeline pipeline, TransportOptions options) {
        WebSocketServerProtocolConfig config = WebSocketServerProtocolConfig.newBuilder()
                .websocketPath(PATH)
                .checkStartsWith(false)
                .maxFramePayloadLength(options.maxFrameLength())
                .handshakeTimeoutMillis(options.connectTimeout().toMillis())
                .allowExtensions(false)
                .build();
        pipeline.addLast("tcp-detector", new TcpFramingDetector(true));
        pipeline.addLast("http", new HttpServerCodec());
        pipeline.addLast("http-aggregator", new HttpObjectAggregator(MAX_HANDSHAKE_LENGTH));
        pipeline.addLast("web-client", new WebClientHandler(WEB_CLIENT, options.webClient()));
        pipeline.addLast("ws", new WebSocketServerProtocolHandler(config));
        addFrameHandlers(pipeline, options);
    }

    @Override
    public void initClientPipeline(ChannelPipeline pipeline, TransportOptions options, InetSocketAddress relay) {
        WebSocketClientProtocolConfig config = WebSocketClientProtocolConfig.newBuilder()
                .webSocketUri(uri(relay))
                .maxFramePayloadLength(options.maxFrameLength())
                .handshakeTimeoutMillis(options.connectTimeout().toMillis())
                .allowExtensions(false)
                .build();
        pipeline.addLast("tcp-detector", new TcpFramingDetector(false));
        pipeline.addLast("http", new HttpClientCodec());
        pipeline.addLast("http-aggregator", new HttpObjectAggregator(MAX_HANDSHAKE_LENGTH));
        pipeline.addLast("ws", new WebSocketClientProtocolHandler(config));
        addFrameHandlers(pipeline, options);
    }

    private static void addFrameHandlers(ChannelPipeline pipeline, TransportOptions options) {
        pipeline.addLast("ws-aggregator", new WebSocketFrameAggregator(options.maxFrameLength()));
        pipeline.addLast("ws-frames", new WsFrameCodec());
    }

    static URI uri(InetSocketAddress relay) {
        String host = relay.getHostString();
        if (host.indexOf(':') >= 0 && !host.startsWith("[")) {
            host = "[" + host + "]";
        }
        return URI.create("ws://" + host + ":" + relay.getPort() + PATH);
    }

    @Override
    public boolean readyWhenConnected() {
        return false;
    }
}
