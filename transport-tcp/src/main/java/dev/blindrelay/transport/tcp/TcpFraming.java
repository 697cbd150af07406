package dev.blindrelay.transport.tcp;

import dev.blindrelay.spi.TransportOptions;
import dev.blindrelay.transport.netty.Framing;
import io.netty.channel.ChannelPipeline;

import java.net.InetSocketAddress;

/** 4-byte big-endian length + payload, the same in both directions. */
final class TcpFraming implements Framing {

    static final String ID = "tcp";

    static final TcpFraming INSTANCE = new TcpFraming();

    private TcpFraming() {
    }

    @Override
    public String transportId() {
        return ID;
    }

    @Override
    public void initRelayPipeline(ChannelPipeline pipeline, TransportOptions options) {
        addCodec(pipeline, options);
    }

    @Override
    public void initClientPipeline(ChannelPipeline pipeline, TransportOptions options, InetSocketAddress relay) {
        addCodec(pipeline, options);
    }

    private static void addCodec(ChannelPipeline pipeline, TransportOptions options) {
        pipeline.addLast("frame-decoder", new LengthPrefixDecoder(options.maxFrameLength()));
        pipeline.addLast("frame-encoder", LengthPrefixEncoder.INSTANCE);
    }

    @Override
    public boolean readyWhenConnected() {
        return true;
    }
}
