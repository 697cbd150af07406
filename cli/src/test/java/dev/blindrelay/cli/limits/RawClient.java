package dev.blindrelay.cli.limits;

import dev.blindrelay.testing.TestFrames;
import dev.blindrelay.wire.Envelope;
import dev.blindrelay.wire.FrameType;
import dev.blindrelay.wire.MalformedFrameException;
import dev.blindrelay.wire.RelayMessages;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client made of a plain blocking socket, for sending the relay exactly the bytes a test wants
 * (half a length prefix, a bad version) and reading exactly what comes back. Every read gives up
 * after {@link Eventually#TIMEOUT}, so a test that waits for the wrong thing fails instead of hanging.
 */
final class RawClient implements AutoCloseable {

    final Socket socket;
    private final DataInputStream in;
    private final DataOutputStream out;

    RawClient(InetSocketAddress address) throws IOException {
        this(address, 0);
    }

    /** @param receiveBuffer the socket's receive buffer in bytes (small: the relay's queue fills fast); 0 = default */
    RawClient(InetSocketAddress address, int receiveBuffer) throws IOException {
        socket = new Socket();
        if (receiveBuffer > 0) {
            socket.setReceiveBufferSize(receiveBuffer);
        }
        socket.connect(address);
        socket.setSoTimeout((int) Eventually.TIMEOUT.toMillis());
        in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
        out = new DataOutputStream(socket.getOutputStream());
    }

    /** Sends JOIN and reads until the relay's WELCOME. */
    RawClient join(String name, String room) throws IOException {
        send(TestFrames.join(name, room));
        while (true) {
            Envelope frame = readEnvelope();
            if (frame.type() == FrameType.WELCOME) {
                return this;
            }
            assertThat(frame.type()).as("before WELCOME").isNotEqualTo(FrameType.ERROR);
        }
    }

    void send(byte[] frame) throws IOException {
        out.writeInt(frame.length);
        out.write(frame);
        out.flush();
    }

    /** Bytes as they are, with no length prefix added. */
    void sendBytes(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    byte[] read() throws IOException {
        int length = in.readInt();
        byte[] frame = new byte[length];
        in.readFully(frame);
        return frame;
    }

    Envelope readEnvelope() throws IOException {
        return TestFrames.parse(read());
    }

    /** Reads until a frame of {@code type}, skipping others (members joining, say). */
    Envelope readUntil(FrameType type) throws IOException {
        while (true) {
            Envelope frame = readEnvelope();
            if (frame.type() == type) {
                return frame;
            }
        }
    }

    /**
     * Reads to the end of the connection and returns the reason of the fatal ERROR it ended with.
     *
     * @throws AssertionError when the relay closed without one, or kept the connection open
     */
    String awaitFatalErrorThenClose() throws IOException {
        Envelope error = readUntil(FrameType.ERROR);
        RelayMessages.RelayError parsed;
        try {
            parsed = RelayMessages.parseError(error.body());
        } catch (MalformedFrameException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(parsed.fatal()).as("the error closes the connection: " + parsed.reason()).isTrue();
        assertThat(parsed.reason()).as("a one-line reason").doesNotContain("\n").isNotBlank();
        awaitClosed();
        return parsed.reason();
    }

    /** Reads (and drops) frames until the relay closes the connection. */
    void awaitClosed() throws IOException {
        try {
            while (true) {
                read();
            }
        } catch (EOFException | SocketException closed) {
            // closed (a reset when the relay aborted it)
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
