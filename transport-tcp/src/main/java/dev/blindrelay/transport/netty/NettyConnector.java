package dev.blindrelay.transport.netty;

import dev.blindrelay.spi.ClientConnection;
import dev.blindrelay.spi.Connector;
import dev.blindrelay.spi.FrameListener;
import dev.blindrelay.spi.TransportOptions;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ConnectTimeoutException;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.flush.FlushConsolidationHandler;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Opens client connections of one framing. All of them share one event-loop group of
 * {@link TransportOptions#ioThreads()} threads, which {@link #close()} stops.
 */
public final class NettyConnector implements Connector {

    private final Framing framing;
    private final TransportOptions options;
    private final EventLoopGroup group;
    private final Set<ChannelClientConnection> connections = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    private NettyConnector(Framing framing, TransportOptions options) {
        this.framing = framing;
        this.options = options;
        this.group = EventLoops.create("client-" + framing.transportId() + "-io", options.ioThreads());
    }

    public static Connector open(Framing framing, TransportOptions options) {
        return new NettyConnector(Objects.requireNonNull(framing, "framing"), Objects.requireNonNull(options, "options"));
    }

    /**
     * Connects and, when the framing has a handshake, completes it. Returns only once frames may
     * flow. Must not be called on one of this connector's threads.
     *
     * @throws IOException with a one-line reason, e.g.
     *                     {@code cannot reach relay at 127.0.0.1:5000: connection refused}
     */
    @Override
    public ClientConnection connect(InetSocketAddress address, FrameListener listener) throws IOException {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(listener, "listener");
        if (closed) {
            throw new IllegalStateException("this connector is closed");
        }
        ClientChannelHandler handler = new ClientChannelHandler(listener, framing, options.maxFrameLength());
        long timeoutMillis = Math.max(1, options.connectTimeout().toMillis());
        Bootstrap bootstrap = new Bootstrap()
                .group(group)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, timeoutMillis))
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        Channels.configure(channel, options);
                        channel.pipeline().addLast("flush", new FlushConsolidationHandler(
                                Channels.FLUSHES_BEFORE_EXPLICIT_FLUSH, true));
                        framing.initClientPipeline(channel.pipeline(), options, address);
                        channel.pipeline().addLast("client", handler);
                    }
                });
        ChannelFuture connecting = bootstrap.connect(address);
        connecting.addListener(done -> {
            if (!done.isSuccess()) {
                handler.ready.completeExceptionally(done.cause());
            }
        });
        try {
            // The TCP connect has its own timeout; a handshake gets as long again.
            ChannelClientConnection connection = handler.ready.get(2 * timeoutMillis + 500, TimeUnit.MILLISECONDS);
            connections.add(connection);
            connection.channel().closeFuture().addListener(done -> connections.remove(connection));
            if (closed) {
                connection.close();
            }
            return connection;
        } catch (ExecutionException e) {
            connecting.channel().close();
            throw new IOException(unreachable(address, e.getCause(), connecting.isSuccess()), e.getCause());
        } catch (TimeoutException e) {
            connecting.channel().close();
            throw new IOException(unreachable(address, null, connecting.isSuccess()));
        } catch (InterruptedException e) {
            connecting.channel().close();
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while connecting to the relay at " + Channels.format(address));
        }
    }

    private String unreachable(InetSocketAddress address, Throwable cause, boolean connected) {
        String why;
        if (cause == null) {
            why = (connected ? "no handshake" : "no answer") + " within " + options.connectTimeout().toMillis() + " ms";
        } else if (cause instanceof ConnectTimeoutException) {
            why = "no answer within " + options.connectTimeout().toMillis() + " ms";
        } else if (cause instanceof ConnectException && String.valueOf(cause.getMessage()).contains("refused")) {
            why = "connection refused";
        } else if (cause instanceof UnknownHostException || cause instanceof UnresolvedAddressException) {
            why = "unknown host";
        } else if (cause instanceof WrongProtocolException) {
            why = cause.getMessage();
        } else if (connected) {
            why = "handshake failed: " + Channels.oneLine(cause);
        } else {
            why = Channels.oneLine(cause);
        }
        return "cannot reach relay at " + address.getHostString() + ":" + address.getPort() + ": " + why;
    }

    /** Flushes and closes every connection it opened, then stops its threads. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<ChannelFuture> closing = new ArrayList<>();
        for (ChannelClientConnection connection : connections) {
            connection.close();
            closing.add(connection.channel().closeFuture());
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Channels.CLOSE_GRACE_MILLIS);
        for (ChannelFuture future : closing) {
            long left = deadline - System.nanoTime();
            if (left <= 0 || !future.awaitUninterruptibly(left, TimeUnit.NANOSECONDS)) {
                break;
            }
        }
        EventLoops.shutdown(group);
    }
}
