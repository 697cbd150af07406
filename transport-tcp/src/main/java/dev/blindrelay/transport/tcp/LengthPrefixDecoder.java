package dev.blindrelay.transport.tcp;

import dev.blindrelay.transport.netty.BadFrameException;
import dev.blindrelay.transport.netty.WrongProtocolException;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.DecoderException;

import java.util.List;

/**
 * Splits a stream into frames of a 4-byte big-endian length followed by that many bytes, in the
 * manner of {@code LengthFieldBasedFrameDecoder}, with two differences that matter to the relay:
 * <ul>
 *   <li>each frame is emitted as its own {@code byte[]} copy, never as a slice of the accumulation
 *       buffer (a slice waiting in another connection's queue pins that buffer, which then grows
 *       without bound);</li>
 *   <li>a length that is zero, negative or over the limit fails at once, from the header alone,
 *       before anything is allocated, and every byte after it is ignored: the connection closes.</li>
 * </ul>
 * A "length" that reads {@code GET } or {@code HTTP} is the other transport, WebSocket, and is
 * reported as such, with the fix.
 */
final class LengthPrefixDecoder extends ByteToMessageDecoder {

    static final int HEADER_LENGTH = 4;

    /** "GET " read as a length: a WebSocket client's upgrade request. */
    private static final int HTTP_REQUEST = 0x47455420;
    /** "HTTP" read as a length: the answer of a WebSocket relay. */
    private static final int HTTP_RESPONSE = 0x48545450;

    private final int maxFrameLength;
    private boolean failed;

    LengthPrefixDecoder(int maxFrameLength) {
        if (maxFrameLength < 1) {
            throw new IllegalArgumentException("maxFrameLength must be positive, got " + maxFrameLength);
        }
        this.maxFrameLength = maxFrameLength;
    }

    /**
     * @return null when {@code length} may start a frame; otherwise why not: zero, over the limit, or the start
     *         of an HTTP request or response (the other transport)
     */
    static DecoderException checkLength(int length, int maxFrameLength) {
        if (length > 0 && length <= maxFrameLength) {
            return null;
        }
        if (length == HTTP_REQUEST) {
            return new WrongProtocolException("an HTTP request on a TCP port: a client with --transport ws? "
                    + "It should use --transport tcp here, or the relay's WebSocket port");
        }
        if (length == HTTP_RESPONSE) {
            return new WrongProtocolException("that port speaks WebSocket, not TCP: use --transport ws");
        }
        return new BadFrameException(length == 0 ? "empty frame (length 0)"
                : "frame length " + Integer.toUnsignedString(length) + " is over the limit of "
                + maxFrameLength + " bytes");
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        if (in.readableBytes() < HEADER_LENGTH) {
            return;
        }
        int length = in.getInt(in.readerIndex());
        DecoderException bad = checkLength(length, maxFrameLength);
        if (bad != null) {
            failed = true;
            in.skipBytes(in.readableBytes());
            throw bad;
        }
        if (in.readableBytes() - HEADER_LENGTH < length) {
            return;
        }
        in.skipBytes(HEADER_LENGTH);
        byte[] frame = new byte[length];
        in.readBytes(frame);
        out.add(frame);
    }
}
