package dev.blindrelay.cli.bench;

import dev.blindrelay.wire.FrameType;
import dev.blindrelay.wire.MalformedFrameException;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * The frames arriving on one connection in the tcp framing (a 4-byte big-endian length, then the frame),
 * read into one large buffer and walked in place: a DATA frame costs no object and no copy, only a call
 * to the sink with where it lies. Anything else (rare) is copied out whole.
 */
final class InboundFrames {

    /** What the raw load does with each frame. */
    interface Sink {
        /** A DATA frame: {@code length} bytes (without the prefix) at {@code start} of {@code buffer}. */
        void data(ByteBuffer buffer, int start, int length);

        /** Any other frame, copied. */
        void other(byte[] frame);
    }

    static final int PREFIX = 4;
    private static final int MAX_FRAME = 16 << 20;
    private static final byte DATA = (byte) FrameType.DATA.code();

    private ByteBuffer buffer;

    InboundFrames(int capacity) {
        buffer = ByteBuffer.allocateDirect(capacity);
    }

    /**
     * One read of whatever the socket has (non-blocking) or of at least one byte (blocking), then every whole
     * frame in the buffer goes to {@code sink}.
     *
     * @return false when nothing was there to read
     * @throws EOFException when the peer closed the connection
     */
    boolean readFrom(SocketChannel channel, Sink sink) throws IOException {
        int read = channel.read(buffer);
        if (read < 0) {
            throw new EOFException("closed by the target");
        }
        buffer.flip();
        int at = buffer.position();
        int end = buffer.limit();
        while (end - at >= PREFIX) {
            int length = buffer.getInt(at);
            if (length <= 0 || length > MAX_FRAME) {
                throw new MalformedFrameException("frame length " + length + " from the target");
            }
            if (end - at - PREFIX < length) {
                break;
            }
            if (length >= 2 && buffer.get(at + PREFIX + 1) == DATA) {
                sink.data(buffer, at + PREFIX, length);
            } else {
                byte[] frame = new byte[length];
                buffer.get(at + PREFIX, frame);
                sink.other(frame);
            }
            at += PREFIX + length;
        }
        buffer.position(at);
        buffer.compact();
        if (!buffer.hasRemaining()) {
            grow(); // one frame larger than the buffer
        }
        return read > 0;
    }

    private void grow() {
        ByteBuffer larger = ByteBuffer.allocateDirect(buffer.capacity() * 2);
        buffer.flip();
        larger.put(buffer);
        buffer = larger;
    }
}
