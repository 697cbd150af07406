package dev.blindrelay.transport.netty;

import dev.blindrelay.spi.RelayHandler;
import dev.blindrelay.spi.RelayServer;
import dev.blindrelay.spi.TransportOptions;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.flush.FlushConsolidationHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A listening relay endpoint over NIO: one event-loop group of {@link TransportOptions#ioThreads()}
 * threads accepts and serves every connection. The framing decides the bytes on the wire.
 */
public final class NettyRelayServer implements RelayServer {

    /*
     * Reads grow up to 256 KiB (Netty's default stops at 64 KiB). The relay forwards a read's frames to their
     * recipient as slices of the buffer they came in, so a read costs one read and one write system call
     * whatever its size: with one busy pair, 256 KiB reads took the relay from 0.72-0.83x to 0.95-1.08x of the
     * byte copier, which reads 256 KiB at a time too. Quiet connections still read into 2 KiB buffers.
     */
    private static final int MIN_READ_BYTES = 64;
    private static final int FIRST_READ_BYTES = 2048;
    private static final int MAX_READ_BYTES = 256 * 1024;


    private static final Logger LOG = LoggerFactory.getLogger(NettyRelayServer.class);

    /** How long {@link #close()} waits for the links to flush and close before stopping the threads. */
    private static final long CLOSE_LINKS_MILLIS = 2_000;

    private final EventLoopGroup group;
    private final Channel serverChannel;
    private final Set<Channel> links;
    private final InetSocketAddress address;
    private final AtomicBoolean closed = new AtomicBoolean();

    private NettyRelayServer(EventLoopGroup group, Channel serverChannel, Set<Channel> links) {
        this.group = group;
        this.serverChannel = serverChannel;
        this.links = links;
        this.address = (InetSocketAddress) serverChannel.localAddress();
    }

    /**
     * Binds {@code address} and serves every connection with {@code handler}.
     *
     * @throws IOException with a one-line reason when the address cannot be bound
     */
    public static RelayServer listen(Framing framing, InetSocketAddress address, RelayHandler handler,
                                     TransportOptions options) throws IOException {
        Objects.requireNonNull(framing, "framing");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(handler, "handler");
        Objects.requireNonNull(options, "options");
        EventLoopGroup group = EventLoops.create("relay-" + framing.transportId() + "-io", options.ioThreads());
        Set<Channel> links = ConcurrentHashMap.newKeySet();
        Map<EventLoop, ReadBatch> batches = new ConcurrentHashMap<>();
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.RCVBUF_ALLOCATOR, new AdaptiveRecvByteBufAllocator(
                        MIN_READ_BYTES, FIRST_READ_BYTES, MAX_READ_BYTES))
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        links.add(channel);
                        channel.closeFuture().addListener(closed -> links.remove(channel));
                        Channels.configure(channel, options);
                        // One per event loop: links on that loop forward what it reads as slices (see ReadBatch).
                        ReadBatch.attach(channel, batches.computeIfAbsent(channel.eventLoop(), loop -> new ReadBatch()));
                        channel.pipeline().addLast("flush", new FlushConsolidationHandler(
                                Channels.FLUSHES_BEFORE_EXPLICIT_FLUSH, true));
                        framing.initRelayPipeline(channel.pipeline(), options);
                        channel.pipeline().addLast("relay", new RelayChannelHandler(handler, framing));
                    }
                });
        ChannelFuture bind = bootstrap.bind(address).awaitUninterruptibly();
        if (!bind.isSuccess()) {
            EventLoops.shutdown(group);
            throw new IOException(bindFailure(address, bind.cause()), bind.cause());
        }
        NettyRelayServer server = new NettyRelayServer(group, bind.channel(), links);
        LOG.debug("{} relay listening on {}", framing.transportId(), Channels.format(server.address));
        return server;
    }

    private static String bindFailure(InetSocketAddress address, Throwable cause) {
        String host = address.getAddress() != null ? address.getAddress().getHostAddress() : address.getHostString();
        if (cause instanceof BindException && String.valueOf(cause.getMessage()).contains("in use")) {
            return "port " + address.getPort() + " on " + host + " is already in use; choose another --port";
        }
        return "cannot listen on " + Channels.format(address) + ": " + Channels.oneLine(cause);
    }

    @Override
    public InetSocketAddress address() {
        return address;
    }

    /** Stops accepting, flushes and closes every link, then stops the threads. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        serverChannel.close().awaitUninterruptibly();
        List<ChannelFuture> closing = new ArrayList<>();
        for (Channel link : links) {
            Channels.flushAndClose(link);
            closing.add(link.closeFuture());
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CLOSE_LINKS_MILLIS);
        for (ChannelFuture future : closing) {
            long left = deadline - System.nanoTime();
            if (left <= 0 || !future.awaitUninterruptibly(left, TimeUnit.NANOSECONDS)) {
                break;
            }
        }
        EventLoops.shutdown(group);
        LOG.debug("relay on {} closed", Channels.format(address));
    }
}
