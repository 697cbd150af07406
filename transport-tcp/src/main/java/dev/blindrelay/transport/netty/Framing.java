package dev.blindrelay.transport.netty;

import dev.blindrelay.spi.TransportOptions;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelPipeline;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/**
 * How one transport turns frames into bytes and back; everything else (threads, bootstraps, links,
 * backpressure, shutdown) is shared by {@link NettyRelayServer} and {@link NettyConnector}.
 * Implementations are stateless and immutable.
 *
 * <p>The handlers a framing adds must, inbound, emit one {@code byte[]} per frame (never a slice of
 * a decoder's buffer) or, on the relay side only, one {@link ByteBuffer} per frame that is valid during the
 * call, and raise a {@link io.netty.handler.codec.DecoderException} with a one-line message for bytes that
 * do not decode; outbound, they accept {@code byte[]} frames, and pass on the bytes that
 * {@link #appendFrame} wrote.
 */
public interface Framing {

    /** The transport id, used in link descriptions and thread names, e.g. {@code tcp}. */
    String transportId();

    /** Adds the codec handlers of one relay-side connection. */
    void initRelayPipeline(ChannelPipeline pipeline, TransportOptions options);

    /** Adds the codec handlers of one client connection to {@code relay}. */
    void initClientPipeline(ChannelPipeline pipeline, TransportOptions options, InetSocketAddress relay);

    /**
     * Bytes that {@link #appendFrame} adds to a frame, or a negative number when this framing's handlers encode
     * each frame themselves (the default).
     */
    default int appendOverhead() {
        return -1;
    }

    /**
     * Appends one frame, the bytes between {@code frame}'s position and limit, to {@code out} as it goes on the
     * wire, leaving the position as it was. Relay links gather the frames they send in one event-loop turn this
     * way and write them as one buffer. Only when {@link #appendOverhead} is not negative.
     */
    default void appendFrame(ByteBuf out, ByteBuffer frame) {
        throw new UnsupportedOperationException(transportId() + " encodes each frame in its handlers");
    }

    /**
     * True when frames may flow as soon as the connection is open. Otherwise the framing's handlers
     * fire {@link Ready#EVENT} as a user event once their handshake has completed.
     */
    boolean readyWhenConnected();

    /** The user event of a framing that completes a handshake before frames flow. */
    enum Ready {
        EVENT
    }
}
