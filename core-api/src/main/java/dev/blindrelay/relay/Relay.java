package dev.blindrelay.relay;

import dev.blindrelay.spi.RelayServer;
import dev.blindrelay.spi.Transport;
import dev.blindrelay.spi.TransportOptions;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * A running relay: one router shared by every transport it listens on, so a TCP client and a
 * WebSocket client in the same room reach each other.
 */
public final class Relay implements AutoCloseable {

    private final RelayRouter router;
    private final List<RelayServer> servers;

    private Relay(RelayRouter router, List<RelayServer> servers) {
        this.router = router;
        this.servers = List.copyOf(servers);
    }

    /** Where one transport listens. */
    public record Endpoint(Transport transport, InetSocketAddress address) {
    }

    /**
     * Binds every endpoint; if one fails, the ones already bound are closed again.
     *
     * @throws IOException with a one-line reason, e.g. a port in use
     */
    public static Relay start(List<Endpoint> endpoints, TransportOptions options, RelayLimits limits,
                              RelayObserver observer) throws IOException {
        return start(endpoints, options, limits, observer, MemberDirectory.LOCAL);
    }

    /** As above, with rooms that other relays share through {@code directory} (e.g. a NATS cluster). */
    public static Relay start(List<Endpoint> endpoints, TransportOptions options, RelayLimits limits,
                              RelayObserver observer, MemberDirectory.Factory directory) throws IOException {
        RelayRouter router = new RelayRouter(limits, observer, directory);
        List<RelayServer> servers = new ArrayList<>();
        try {
            for (Endpoint endpoint : endpoints) {
                servers.add(endpoint.transport().listen(endpoint.address(), router, options));
            }
        } catch (IOException | RuntimeException e) {
            servers.forEach(RelayServer::close);
            router.close();
            throw e;
        }
        return new Relay(router, servers);
    }

    public RelayRouter router() {
        return router;
    }

    public List<RelayServer> servers() {
        return servers;
    }

    /** The address the first endpoint is bound to (its real port when 0 was asked for). */
    public InetSocketAddress address() {
        return servers.get(0).address();
    }

    /** Tells every client, then flushes and closes every connection. */
    @Override
    public void close() {
        router.broadcastNotice("relay is shutting down");
        router.stopping();
        servers.forEach(RelayServer::close);
        router.close();
    }
}
