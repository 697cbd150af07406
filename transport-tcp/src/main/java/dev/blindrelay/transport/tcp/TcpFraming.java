package dev.blindrelay.transport.tcp;

import dev.blindrelay.spi.TransportOptions;
import dev.blindrelay.transport.netty.Framing;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelPipeline;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

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

    /** The relay hands frames on as views of what it read, and gathers what it sends (see {@link #appendFrame}). */
    @Override
    public void initRelayPipeline(ChannelPipeline pipeline, TransportOptions options) {
        pipeline.addLast("frame-splitter", new LengthPrefixSplitter(options.maxFrameLength(), this));
        pipeline.addLast("frame-encoder", LengthPrefixEncoder.INSTANCE);
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
    public int appendOverhead() {
        return LengthPrefixDecoder.HEADER_LENGTH;
    }

    @Override
    public void appendFrame(ByteBuf out, ByteBuffer frame) {
        int at = frame.position();
        out.writeInt(frame.remaining()).writeBytes(frame);
        frame.position(at);
    }

    @Override
    public boolean readyWhenConnected() {
        return true;
    }
}
