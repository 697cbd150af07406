package dev.blindrelay.cli.limits;

import dev.blindrelay.registry.PluginRegistry;
import dev.blindrelay.relay.MemberDirectory;
import dev.blindrelay.relay.Relay;
import dev.blindrelay.relay.RelayLimits;
import dev.blindrelay.relay.RelayObserver;
import dev.blindrelay.spi.Transport;
import dev.blindrelay.spi.TransportOptions;
import dev.blindrelay.wire.EnvelopeHeader;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A real relay for limit tests: {@link Relay#start} with the tcp transport (found through
 * ServiceLoader, as the command line finds it) on 127.0.0.1, recording what the relay refused and
 * how many bytes it accepted for each recipient.
 */
final class LiveRelay implements AutoCloseable {

    static final Transport TCP = PluginRegistry.load(LiveRelay.class.getClassLoader()).transports().get("tcp");

    final Relay relay;
    /** "link: reason" for every connection the relay refused or cut off. */
    final List<String> refused = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicLong> forwardedBytes = new ConcurrentHashMap<>();

    private LiveRelay(InetSocketAddress address, TransportOptions options, RelayLimits limits) throws IOException {
        this(address, options, limits, MemberDirectory.LOCAL);
    }

    private LiveRelay(InetSocketAddress address, TransportOptions options, RelayLimits limits,
                      MemberDirectory.Factory directory) throws IOException {
        relay = Relay.start(List.of(new Relay.Endpoint(TCP, address)), options, limits, new RelayObserver() {
            @Override
            public void forwarded(EnvelopeHeader header, byte[] frame) {
                forwardedBytes.computeIfAbsent(header.recipient(), r -> new AtomicLong()).addAndGet(frame.length);
            }

            @Override
            public void refused(String link, String reason) {
                refused.add(link + ": " + reason);
            }
        }, directory);
    }

    /** A relay of a cluster ({@code directory}: e.g. a NATS cluster's). */
    static LiveRelay startInCluster(RelayLimits limits, MemberDirectory.Factory directory) throws IOException {
        return new LiveRelay(new InetSocketAddress("127.0.0.1", 0), TransportOptions.defaults(), limits, directory);
    }

    static LiveRelay start(RelayLimits limits) throws IOException {
        return start(limits, TransportOptions.defaults());
    }

    static LiveRelay start(RelayLimits limits, TransportOptions options) throws IOException {
        return new LiveRelay(new InetSocketAddress("127.0.0.1", 0), options, limits);
    }

    /** On a given port, e.g. the port of a relay that was just stopped. */
    static LiveRelay startOn(int port, RelayLimits limits) throws IOException {
        return new LiveRelay(new InetSocketAddress("127.0.0.1", port), TransportOptions.defaults(), limits);
    }

    InetSocketAddress address() {
        return relay.address();
    }

    RawClient connect() throws IOException {
        return new RawClient(address());
    }

    RawClient join(String name, String room) throws IOException {
        return connect().join(name, room);
    }

    /** Bytes of frames the relay accepted for {@code recipient} (queued or already written). */
    long forwardedTo(String recipient) {
        AtomicLong bytes = forwardedBytes.get(recipient);
        return bytes == null ? 0 : bytes.get();
    }

    /** Waits until the relay refused a connection for a reason containing {@code text}; returns that line. */
    String awaitRefused(String text) {
        return Eventually.get("the relay refusing a connection with '" + text + "' (refused so far: " + refused + ")",
                () -> refused.stream().filter(line -> line.contains(text)).findFirst());
    }

    @Override
    public void close() {
        relay.close();
    }
}
