package dev.blindrelay.testing;

import dev.blindrelay.spi.ClientConnection;
import dev.blindrelay.spi.Connector;
import dev.blindrelay.spi.FrameListener;
import dev.blindrelay.spi.RelayHandler;
import dev.blindrelay.spi.RelayLink;
import dev.blindrelay.spi.RelayServer;
import dev.blindrelay.spi.Transport;
import dev.blindrelay.spi.TransportOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-memory {@link Transport} (id {@code loopback}) so that client-engine tests run without sockets.
 * Each instance is its own little network: {@link #connector} connects only to servers this instance
 * started with {@link #listen}, by port (port 0 picks a free one).
 *
 * <p>Every connection has two single-thread executors: one runs the {@link RelayHandler} calls for the
 * link (connected, frames, disconnected: in order, on one thread, as the SPI promises) and one runs the
 * client's {@link FrameListener} calls (frames in order, then {@code closed} exactly once). Frames are
 * copied at the boundary, as a network would. Links are always writable with nothing queued; reading
 * can be paused with {@link RelayLink#setReading}, which holds the client's frames until it resumes.
 * Frames longer than {@link TransportOptions#maxFrameLength()} are reported through
 * {@link RelayHandler#malformed} and close the connection, as a real decoder would.
 */
public final class LoopbackTransport implements Transport {

    public static final String ID = "loopback";

    private static final Logger LOG = LoggerFactory.getLogger(LoopbackTransport.class);
    private static final long TERMINATION_WAIT_MS = 5_000;

    private final boolean runsDeadlines;
    private final ConcurrentHashMap<Integer, Server> servers = new ConcurrentHashMap<>();
    private final AtomicInteger nextPort = new AtomicInteger(40_000);
    private final AtomicInteger nextConnection = new AtomicInteger(1);

    public LoopbackTransport() {
        this(true);
    }

    private LoopbackTransport(boolean runsDeadlines) {
        this.runsDeadlines = runsDeadlines;
    }

    /** A transport whose connections refuse {@link ClientConnection#schedule}, as a plugin may. */
    public static LoopbackTransport withoutDeadlines() {
        return new LoopbackTransport(false);
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String provider() {
        return "in-memory (test only)";
    }

    @Override
    public String description() {
        return "in-memory frames between threads of one JVM (tests only)";
    }

    @Override
    public RelayServer listen(InetSocketAddress address, RelayHandler handler, TransportOptions options)
            throws IOException {
        int port = address.getPort() == 0 ? freePort() : address.getPort();
        InetAddress host = address.getAddress() == null ? InetAddress.getLoopbackAddress() : address.getAddress();
        Server server = new Server(new InetSocketAddress(host, port), handler, options);
        if (servers.putIfAbsent(port, server) != null) {
            throw new IOException("loopback port " + port + " is already in use");
        }
        return server;
    }

    @Override
    public Connector connector(TransportOptions options) {
        return new LoopbackConnector();
    }

    private int freePort() {
        int port;
        do {
            port = nextPort.getAndIncrement();
        } while (servers.containsKey(port));
        return port;
    }

    private static ExecutorService singleThread(String name) {
        return Executors.newSingleThreadExecutor(daemon(name));
    }

    /** Like a Netty event loop: frames and deadlines on one thread; deadlines still due when it closes are dropped. */
    private static ScheduledThreadPoolExecutor singleScheduledThread(String name) {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, daemon(name));
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        return executor;
    }

    private static ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    private static void submit(ExecutorService executor, Runnable task) {
        try {
            executor.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException | Error e) {
                    LOG.warn("loopback callback failed", e);
                }
            });
        } catch (RejectedExecutionException e) {
            // The connection is gone: like bytes written to a closed socket, the task is dropped.
        }
    }

    private static void await(ExecutorService executor) {
        try {
            executor.awaitTermination(TERMINATION_WAIT_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A listening endpoint; closing it closes every link after flushing and waits for their threads. */
    private final class Server implements RelayServer {
        private final InetSocketAddress address;
        private final RelayHandler handler;
        private final TransportOptions options;
        private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
        private volatile boolean closed;

        Server(InetSocketAddress address, RelayHandler handler, TransportOptions options) {
            this.address = address;
            this.handler = handler;
            this.options = options;
        }

        boolean runsDeadlines() {
            return runsDeadlines;
        }

        @Override
        public InetSocketAddress address() {
            return address;
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            servers.remove(address.getPort(), this);
            List<Connection> open = List.copyOf(connections);
            open.forEach(connection -> connection.terminate("the relay closed the connection", false, true));
            open.forEach(Connection::awaitTermination);
        }

        @Override
        public String toString() {
            return "loopback relay on port " + address.getPort();
        }
    }

    private final class LoopbackConnector implements Connector {
        private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
        private volatile boolean closed;

        @Override
        public ClientConnection connect(InetSocketAddress address, FrameListener listener) throws IOException {
            if (closed) {
                throw new IOException("this loopback connector is closed");
            }
            Server server = servers.get(address.getPort());
            if (server == null || server.closed) {
                throw new IOException("connection refused: no loopback relay on port " + address.getPort());
            }
            Connection connection = new Connection(nextConnection.getAndIncrement(), server, listener);
            connections.add(connection);
            server.connections.add(connection);
            connection.start();
            return connection.client;
        }

        @Override
        public void close() {
            closed = true;
            List<Connection> open = List.copyOf(connections);
            open.forEach(connection -> connection.client.close());
            open.forEach(Connection::awaitTermination);
        }
    }

    /** Both ends of one connection. */
    private static final class Connection {
        private final Server server;
        private final FrameListener listener;
        private final String description;
        private final ExecutorService relaySide;
        private final ScheduledThreadPoolExecutor clientSide;
        private final AtomicBoolean open = new AtomicBoolean(true);
        private final AtomicBoolean disconnectedSent = new AtomicBoolean();
        private final AtomicBoolean closedSent = new AtomicBoolean();
        private volatile boolean aborted;
        /** The relay closed the link: frames still on their way from the client are never read. */
        private volatile boolean discardInbound;
        private volatile boolean reading = true;
        /** Frames from the client while reading is paused; touched only on the relay-side thread. */
        private final ArrayDeque<byte[]> held = new ArrayDeque<>();
        private final Link link = new Link();
        private final Client client = new Client();

        Connection(int number, Server server, FrameListener listener) {
            this.server = server;
            this.listener = listener;
            this.description = ID + "/client-" + number;
            this.relaySide = singleThread("loopback-relay-" + number);
            this.clientSide = singleScheduledThread("loopback-client-" + number);
        }

        void start() {
            submit(relaySide, () -> server.handler.connected(link));
        }

        /** Client to relay: in order, held while reading is paused, dropped once disconnected. */
        void toRelay(byte[] frame) {
            int limit = server.options.maxFrameLength();
            if (frame.length > limit) {
                submit(relaySide, () -> {
                    if (!discardInbound && !disconnectedSent.get()) {
                        // The handler normally refuses and closes; the decoder closes the link in any case.
                        server.handler.malformed(link, "frame of " + frame.length + " bytes exceeds the limit of "
                                + limit + " bytes");
                        terminate("the relay closed the connection: frame too large", false, true);
                    }
                });
                return;
            }
            submit(relaySide, () -> {
                if (discardInbound || disconnectedSent.get()) {
                    return;
                }
                if (reading && held.isEmpty()) {
                    server.handler.frameReceived(link, frame);
                } else {
                    held.add(frame);
                }
            });
        }

        void drainHeld() {
            while (reading && !held.isEmpty() && !discardInbound && !disconnectedSent.get()) {
                server.handler.frameReceived(link, held.poll());
            }
        }

        /** Relay to client: in order; an abort drops what was not yet delivered. */
        void toClient(byte[] frame) {
            int limit = server.options.maxFrameLength();
            if (frame.length > limit) {
                terminate("frame of " + frame.length + " bytes from the relay exceeds the limit of " + limit, true, true);
                return;
            }
            submit(clientSide, () -> {
                if (!aborted && !closedSent.get()) {
                    listener.frameReceived(frame);
                    listener.readComplete(); // each frame is its own read batch here
                }
            });
        }

        /**
         * Ends the connection once. The client hears {@code closed} after the frames already queued for it
         * (dropped instead when {@code abort}). The relay hears {@code disconnected} after the client's
         * frames already sent, unless the relay itself closed the link ({@code byRelay}), which then reads
         * nothing more.
         */
        void terminate(String reason, boolean abort, boolean byRelay) {
            if (abort) {
                aborted = true;
            }
            if (byRelay) {
                discardInbound = true;
            }
            if (!open.compareAndSet(true, false)) {
                return;
            }
            submit(clientSide, () -> {
                if (closedSent.compareAndSet(false, true)) {
                    listener.closed(reason);
                }
            });
            submit(relaySide, () -> {
                drainHeld();
                if (disconnectedSent.compareAndSet(false, true)) {
                    server.handler.disconnected(link);
                }
            });
            relaySide.shutdown();
            clientSide.shutdown();
            server.connections.remove(this);
        }

        void awaitTermination() {
            String current = Thread.currentThread().getName();
            if (current.startsWith("loopback-")) {
                return; // never wait for our own thread
            }
            await(relaySide);
            await(clientSide);
        }

        /** The relay's view of the connection. */
        private final class Link implements RelayLink {
            @Override
            public String describe() {
                return description;
            }

            @Override
            public void send(byte[] frame) {
                if (open.get()) {
                    toClient(frame.clone());
                }
            }

            @Override
            public boolean isWritable() {
                return true;
            }

            @Override
            public long queuedBytes() {
                return 0;
            }

            @Override
            public void setReading(boolean value) {
                reading = value;
                if (value) {
                    submit(relaySide, Connection.this::drainHeld);
                }
            }

            @Override
            public void close() {
                terminate("the relay closed the connection", false, true);
            }

            @Override
            public void abort() {
                terminate("the relay dropped the connection", true, true);
            }

            @Override
            public String toString() {
                return description;
            }
        }

        /** The client's view of the connection. */
        private final class Client implements ClientConnection {
            @Override
            public void send(byte[] frame) {
                if (open.get()) {
                    toRelay(frame.clone());
                }
            }

            @Override
            public boolean isOpen() {
                return open.get();
            }

            @Override
            public boolean schedule(Runnable task, Duration delay) {
                if (!server.runsDeadlines()) {
                    return false;
                }
                try {
                    clientSide.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
                } catch (RejectedExecutionException e) {
                    // The connection is gone, and what it would time out with it.
                }
                return true;
            }

            @Override
            public void close() {
                terminate("connection closed", false, false);
            }

            @Override
            public String toString() {
                return description + " (client end)";
            }
        }
    }
}
