package dev.blindrelay.cli.cluster;

import dev.blindrelay.client.ChatClient;
import dev.blindrelay.client.ClientSettings;
import dev.blindrelay.identity.IdentityKeyPair;
import dev.blindrelay.identity.KnownPeers;
import dev.blindrelay.registry.PluginRegistry;
import dev.blindrelay.relay.Relay;
import dev.blindrelay.relay.RelayLimits;
import dev.blindrelay.relay.RelayObserver;
import dev.blindrelay.relay.nats.ClusterSettings;
import dev.blindrelay.relay.nats.NatsCluster;
import dev.blindrelay.relay.nats.NatsServers;
import dev.blindrelay.spi.Connector;
import dev.blindrelay.spi.Transport;
import dev.blindrelay.spi.TransportOptions;
import dev.blindrelay.suite.CipherSuite;
import dev.blindrelay.testing.RecordingListener;
import dev.blindrelay.trace.Tracer;
import dev.blindrelay.wire.EnvelopeHeader;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Nats;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Relays in this JVM sharing rooms through real nats-server processes, real TCP clients with the x25519-chacha
 * suite, and a tap on NATS that records every message any relay published there.
 */
final class Cluster implements AutoCloseable {

    static final PluginRegistry REGISTRY = PluginRegistry.load(Cluster.class.getClassLoader());
    static final CipherSuite SUITE = REGISTRY.suite("x25519-chacha");
    static final Transport TCP = REGISTRY.transports().get("tcp");

    final NatsServers nats;
    final List<Relay> relays = new ArrayList<>();
    final List<NatsCluster> connections = new ArrayList<>();
    final List<List<byte[]>> relaySaw = new ArrayList<>();
    final List<byte[]> natsSaw = Collections.synchronizedList(new ArrayList<>());
    private final Connector connector = TCP.connector(TransportOptions.defaults());
    private final List<ChatClient> clients = new ArrayList<>();
    private final Connection tap;

    private Cluster(NatsServers nats) throws Exception {
        this.nats = nats;
        this.tap = Nats.connect(new io.nats.client.Options.Builder().servers(nats.urlList().toArray(String[]::new))
                .maxReconnects(-1).build());
        Dispatcher dispatcher = tap.createDispatcher(message -> natsSaw.add(message.getData()));
        dispatcher.subscribe("blindrelay.>");
        tap.flush(Duration.ofSeconds(5));
    }

    /** {@code relays} relays, relay i connected to NATS node i modulo the nodes. */
    static Cluster start(NatsServers nats, int relays) throws Exception {
        Cluster cluster = new Cluster(nats);
        try {
            for (int i = 0; i < relays; i++) {
                cluster.startRelay(nats.node(i % nats.nodes().size()).url());
            }
            return cluster;
        } catch (Exception e) {
            cluster.close();
            throw e;
        }
    }

    Relay startRelay(String natsUrl) throws IOException {
        List<byte[]> saw = Collections.synchronizedList(new ArrayList<>());
        NatsCluster cluster = NatsCluster.connect(ClusterSettings.of(List.of(natsUrl),
                TransportOptions.defaults().maxFrameLength()));
        Relay relay = Relay.start(List.of(new Relay.Endpoint(TCP, new InetSocketAddress("127.0.0.1", 0))),
                TransportOptions.defaults(), RelayLimits.defaults(), new RelayObserver() {
                    @Override
                    public void forwarded(EnvelopeHeader header, byte[] frame) {
                        saw.add(frame.clone());
                    }
                }, cluster.directory());
        relays.add(relay);
        connections.add(cluster);
        relaySaw.add(saw);
        return relay;
    }

    InetSocketAddress address(int relay) {
        return relays.get(relay).address();
    }

    /** A client of relay {@code relay} (then the others in turn, if it reconnects), not yet started. */
    Client client(String name, int relay) {
        List<InetSocketAddress> order = new ArrayList<>();
        for (int i = 0; i < relays.size(); i++) {
            order.add(address((relay + i) % relays.size()));
        }
        ClientSettings settings = new ClientSettings(name, ClientSettings.DEFAULT_ROOM, order.get(0),
                Duration.ofSeconds(10), 1000, false, Duration.ofMillis(100), Duration.ofSeconds(30));
        RecordingListener events = new RecordingListener(name);
        ChatClient chat = new ChatClient(settings, SUITE, IdentityKeyPair.generate(new SecureRandom()),
                KnownPeers.inMemory(), connector, events, Tracer.NONE);
        synchronized (clients) {
            clients.add(chat);
        }
        return new Client(name, chat, events);
    }

    Client join(String name, int relay) throws IOException {
        Client client = client(name, relay);
        client.chat().start();
        return client;
    }

    record Client(String name, ChatClient chat, RecordingListener events) {
    }

    /** Every frame the relays forwarded and every message NATS carried between them. */
    List<byte[]> traffic() {
        List<byte[]> all = new ArrayList<>();
        for (List<byte[]> saw : relaySaw) {
            synchronized (saw) {
                all.addAll(saw);
            }
        }
        synchronized (natsSaw) {
            all.addAll(natsSaw);
        }
        return all;
    }

    @Override
    public void close() throws Exception {
        synchronized (clients) {
            clients.forEach(ChatClient::close);
        }
        connector.close();
        relays.forEach(Relay::close);
        tap.close();
    }
}
