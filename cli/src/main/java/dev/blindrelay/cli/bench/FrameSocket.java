package dev.blindrelay.cli.bench;

import dev.blindrelay.wire.Envelope;
import dev.blindrelay.wire.FrameType;
import dev.blindrelay.wire.MalformedFrameException;
import dev.blindrelay.wire.RelayMessages;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * A plain blocking socket speaking the tcp transport's framing (a 4-byte big-endian length, then the
 * frame), buffered both ways. The raw load uses it instead of the Netty connector because a load
 * generator must cost less per frame than what it measures: here a frame is a buffered copy each way
 * and one system call serves a whole batch.
 */
final class FrameSocket implements AutoCloseable {

    static final int BUFFER = 64 * 1024;

    private final Socket socket;
    final DataInputStream in;
    final DataOutputStream out;

    FrameSocket(InetSocketAddress address) throws IOException {
        socket = new Socket(address.getAddress(), address.getPort());
        socket.setTcpNoDelay(true);
        in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), BUFFER));
        out = new DataOutputStream(new BufferedOutputStream(socket.getOutputStream(), BUFFER));
    }

    /** Joins {@code room} as {@code name} and reads until the relay's WELCOME. */
    void join(String name, String room) throws IOException {
        byte[] join = new Envelope(FrameType.JOIN, name, "", room, new byte[0]).encode();
        out.writeInt(join.length);
        out.write(join);
        out.flush();
        while (true) {
            Envelope frame = Envelope.parse(readFrame());
            if (frame.type() == FrameType.WELCOME) {
                return;
            }
            if (frame.type() == FrameType.ERROR) {
                throw new IOException(name + " was refused by the relay: "
                        + RelayMessages.parseError(frame.body()).reason());
            }
        }
    }

    byte[] readFrame() throws IOException {
        int length = in.readInt();
        if (length <= 0 || length > (16 << 20)) {
            throw new MalformedFrameException("frame length " + length + " from the relay");
        }
        byte[] frame = new byte[length];
        in.readFully(frame);
        return frame;
    }

    /** A one-line description of a frame from the relay that is not DATA, or null when it is harmless. */
    static String problemIn(byte[] frame) {
        try {
            Envelope envelope = Envelope.parse(frame);
            return envelope.type() == FrameType.ERROR
                    ? "error from the relay: " + RelayMessages.parseError(envelope.body()).reason() : null;
        } catch (MalformedFrameException e) {
            return "malformed frame from the relay: " + e.getMessage();
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }
}
