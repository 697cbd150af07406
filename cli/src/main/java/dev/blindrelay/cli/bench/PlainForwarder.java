package dev.blindrelay.cli.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The yardstick for {@code bench --raw --baseline}: the simplest forwarder of length-prefixed frames
 * that is still fast. Plain blocking sockets, two threads per pair, buffered in both directions and
 * flushed only when the input runs dry (a flush per frame is a system call per frame and about 8x
 * slower). It pairs connections in the order they are accepted and knows nothing of rooms, names or
 * limits: whatever our relay does on top of this is what the ratio prices.
 */
final class PlainForwarder implements AutoCloseable {

    private static final int BUFFER = 64 * 1024;

    private final ServerSocket server;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();

    private PlainForwarder(ServerSocket server) {
        this.server = server;
        daemon("forwarder-accept", this::acceptPairs).start();
    }

    static PlainForwarder listen(InetSocketAddress address) throws IOException {
        ServerSocket server = new ServerSocket();
        server.bind(address, 1024);
        return new PlainForwarder(server);
    }

    int port() {
        return server.getLocalPort();
    }

    int connections() {
        return open.size();
    }

    private void acceptPairs() {
        try {
            while (true) {
                Socket first = accept();
                Socket second = accept();
                daemon("forward-a", () -> copyFrames(first, second)).start();
                daemon("forward-b", () -> copyFrames(second, first)).start();
            }
        } catch (IOException e) {
            // closed
        }
    }

    private Socket accept() throws IOException {
        Socket socket = server.accept();
        socket.setTcpNoDelay(true);
        open.add(socket);
        return socket;
    }

    /** Reads whole frames (a copy each, as the relay makes) and writes them on; flushes when input runs dry. */
    private void copyFrames(Socket from, Socket to) {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(from.getInputStream(), BUFFER));
             DataOutputStream out = new DataOutputStream(new BufferedOutputStream(to.getOutputStream(), BUFFER))) {
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
        } catch (IOException e) {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private void closeQuietly(Socket socket) {
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
