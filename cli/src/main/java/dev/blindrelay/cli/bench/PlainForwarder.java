package dev.blindrelay.cli.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The yardsticks for {@code bench --raw --baseline}: forwarders that know nothing of rooms, names or limits
 * and pair connections in the order they are accepted, with plain blocking sockets and a thread per
 * direction. Whatever our relay does on top of them is what the ratios price.
 * <ul>
 *   <li>{@link Mode#FRAMES}: reads whole length-prefixed frames (a copy each, as the relay makes), writes them
 *       on, buffered, and flushes when its input runs dry (a flush per frame is about 8x slower);</li>
 *   <li>{@link Mode#BYTES}: copies bytes from one socket to the other through one large buffer, without looking
 *       at frames at all: the loopback limit.</li>
 * </ul>
 */
final class PlainForwarder implements AutoCloseable {

    enum Mode {
        FRAMES, BYTES
    }

    private static final int BUFFER = 64 * 1024;
    private static final int COPY_BUFFER = 256 * 1024;

    private final ServerSocketChannel server;
    private final Mode mode;
    private final Set<SocketChannel> open = ConcurrentHashMap.newKeySet();

    private PlainForwarder(ServerSocketChannel server, Mode mode) {
        this.server = server;
        this.mode = mode;
        daemon("forwarder-accept", this::acceptPairs).start();
    }

    static PlainForwarder listen(InetSocketAddress address, Mode mode) throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open();
        server.bind(address, 1024);
        return new PlainForwarder(server, mode);
    }

    int port() {
        return server.socket().getLocalPort();
    }

    int connections() {
        return open.size();
    }

    private void acceptPairs() {
        try {
            while (true) {
                SocketChannel first = accept();
                SocketChannel second = accept();
                daemon("forward-a", () -> forward(first, second)).start();
                daemon("forward-b", () -> forward(second, first)).start();
            }
        } catch (IOException e) {
            // closed
        }
    }

    private SocketChannel accept() throws IOException {
        SocketChannel socket = server.accept();
        socket.setOption(StandardSocketOptions.TCP_NODELAY, true);
        open.add(socket);
        return socket;
    }

    private void forward(SocketChannel from, SocketChannel to) {
        try {
            if (mode == Mode.FRAMES) {
                copyFrames(from, to);
            } else {
                copyBytes(from, to);
            }
        } catch (IOException e) {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static void copyFrames(SocketChannel from, SocketChannel to) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(from.socket().getInputStream(), BUFFER));
             DataOutputStream out = new DataOutputStream(new BufferedOutputStream(to.socket().getOutputStream(),
                     BUFFER))) {
            while (true) {
                int length = in.readInt();
                byte[] frame = new byte[length];
                in.readFully(frame);
                out.writeInt(length);
                out.write(frame);
                if (in.available() == 0) {
                    out.flush();
                }
            }
        }
    }

    private static void copyBytes(SocketChannel from, SocketChannel to) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocateDirect(COPY_BUFFER);
        while (from.read(buffer) >= 0) {
            buffer.flip();
            while (buffer.hasRemaining()) {
                to.write(buffer);
            }
            buffer.clear();
        }
        throw new IOException("closed");
    }

    private void closeQuietly(SocketChannel socket) {
        open.remove(socket);
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // already closed
        }
        open.forEach(this::closeQuietly);
    }

    private static Thread daemon(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        return thread;
    }
}
