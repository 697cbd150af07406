package dev.blindrelay.cli.bench;

import dev.blindrelay.spi.ClientConnection;
import dev.blindrelay.spi.Connector;
import dev.blindrelay.spi.FrameListener;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Spreads the load's connections over several loopback source addresses ({@code 127.0.0.1}, {@code 127.0.0.2},
 * ...) once one address would run out of ephemeral ports: the system gives each source address its own range
 * (28,232 ports by default on Linux), so 50,000 clients need two. Linux routes all of 127.0.0.0/8 to the
 * loopback interface; other systems may need the addresses added first. The wrapped connector is closed by
 * whoever made it.
 */
final class LoopbackSources implements Connector {

    /** The share of one address's ephemeral ports the load may take, leaving the rest to everything else. */
    static final double PORT_SHARE = 0.8;
    /** Linux's default {@code net.ipv4.ip_local_port_range} (32768-60999), when it cannot be read. */
    static final int DEFAULT_EPHEMERAL_PORTS = 28_232;
    private static final Path PORT_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");

    private final Connector connector;
    private final List<InetAddress> sources;
    private final AtomicInteger next = new AtomicInteger();

    private LoopbackSources(Connector connector, List<InetAddress> sources) {
        this.connector = connector;
        this.sources = sources;
    }

    /** {@code connector} itself when one source address is enough or a target is not on loopback. */
    static Connector spread(Connector connector, List<InetSocketAddress> targets, int clients) throws IOException {
        int needed = addressesFor(clients, ephemeralPorts());
        boolean loopback = targets.stream().allMatch(t -> t.getAddress() != null && t.getAddress().isLoopbackAddress());
        return needed <= 1 || !loopback ? connector : new LoopbackSources(connector, addresses(needed));
    }

    /** How many source addresses {@code clients} connections need when each address has {@code ports}. */
    static int addressesFor(int clients, int ports) {
        return Math.max(1, (int) Math.ceil(clients / (ports * PORT_SHARE)));
    }

    /** The number of source addresses {@code connector} spreads over (1 when it is not spread). */
    static int count(Connector connector) {
        return connector instanceof LoopbackSources spread ? spread.sources.size() : 1;
    }

    private static int ephemeralPorts() {
        try {
            String[] range = Files.readString(PORT_RANGE).trim().split("\\s+");
            return Integer.parseInt(range[1]) - Integer.parseInt(range[0]) + 1;
        } catch (IOException | RuntimeException e) {
            return DEFAULT_EPHEMERAL_PORTS;
        }
    }

    private static List<InetAddress> addresses(int count) throws UnknownHostException {
        List<InetAddress> addresses = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            addresses.add(InetAddress.getByAddress(new byte[] {127, 0, (byte) (i >> 8), (byte) i}));
        }
        return addresses;
    }

    @Override
    public ClientConnection connect(InetSocketAddress address, FrameListener listener) throws IOException {
        return connector.connect(address, sources.get(Math.floorMod(next.getAndIncrement(), sources.size())), listener);
    }

    @Override
    public ClientConnection connect(InetSocketAddress address, InetAddress source, FrameListener listener)
            throws IOException {
        return connector.connect(address, source, listener);
    }

    @Override
    public void close() {
        // the wrapped connector belongs to the caller
    }
}
