package dev.blindrelay.cli.bench;

import dev.blindrelay.spi.ClientConnection;
import dev.blindrelay.spi.Connector;
import dev.blindrelay.spi.FrameListener;

import java.io.BufferedReader;
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
 * Spreads a load of more connections than one address has ephemeral ports (28,232 by default on Linux) over
 * several loopback addresses of the same relay ({@code 127.0.0.1}, {@code 127.0.0.2}, ...): the bench's relay
 * listens on each, and the clients connect to them in turn. The system picks a client's port per pair of
 * addresses, so each relay address brings a whole range of ports. (Binding the clients to several source
 * addresses instead gives far less here: with a port chosen at bind time, three source addresses held only
 * 1.45x the connections of one.) Linux routes all of 127.0.0.0/8 to the loopback interface; other systems may
 * need the addresses added first. The wrapped connector is closed by whoever made it.
 */
final class LoopbackSpread implements Connector {

    /** The share of one address's ephemeral ports the load may take, leaving the rest to everything else. */
    static final double PORT_SHARE = 0.8;
    /** Linux's default {@code net.ipv4.ip_local_port_range} (32768-60999), when it cannot be read. */
    static final int DEFAULT_EPHEMERAL_PORTS = 28_232;
    private static final Path PORT_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");

    private final Connector connector;
    private final List<InetSocketAddress> addresses;
    private final AtomicInteger next = new AtomicInteger();

    private LoopbackSpread(Connector connector, List<InetSocketAddress> addresses) {
        this.connector = connector;
        this.addresses = List.copyOf(addresses);
    }

    /** How many relay addresses {@code clients} connections need on this machine. */
    static int addressesFor(int clients) {
        return addressesFor(clients, ephemeralPorts(PORT_RANGE));
    }

    /** How many relay addresses {@code clients} connections need when each pair of addresses has {@code ports}. */
    static int addressesFor(int clients, int ports) {
        return Math.max(1, (int) Math.ceil(clients / (ports * PORT_SHARE)));
    }

    /** {@code 127.0.0.1}, {@code 127.0.0.2}, ... ({@code count} of them). */
    static List<InetAddress> loopbackAddresses(int count) {
        List<InetAddress> addresses = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            try {
                addresses.add(InetAddress.getByAddress(new byte[] {127, 0, (byte) (i >> 8), (byte) i}));
            } catch (UnknownHostException e) {
                throw new IllegalStateException("four bytes are always an address", e);
            }
        }
        return addresses;
    }

    /**
     * A connector whose connections to any of {@code addresses} go to each of them in turn; {@code connector}
     * itself when there is only one.
     */
    static Connector over(Connector connector, List<InetSocketAddress> addresses) {
        return addresses.size() <= 1 ? connector : new LoopbackSpread(connector, addresses);
    }

    /** The size of the range in {@code portRange} (as in {@code ip_local_port_range}), or Linux's default. */
    static int ephemeralPorts(Path portRange) {
        // Read by line: Files.readString trusts the size /proc reports and returned one character here.
        try (BufferedReader reader = Files.newBufferedReader(portRange)) {
            String[] range = reader.readLine().trim().split("\\s+");
            return Integer.parseInt(range[1]) - Integer.parseInt(range[0]) + 1;
        } catch (IOException | RuntimeException e) {
            return DEFAULT_EPHEMERAL_PORTS;
        }
    }

    @Override
    public ClientConnection connect(InetSocketAddress address, FrameListener listener) throws IOException {
        InetSocketAddress to = addresses.contains(address)
                ? addresses.get(Math.floorMod(next.getAndIncrement(), addresses.size())) : address;
        return connector.connect(to, listener);
    }

    @Override
    public void close() {
        // the wrapped connector belongs to the caller
    }
}
