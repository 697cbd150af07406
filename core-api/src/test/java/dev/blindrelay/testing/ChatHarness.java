package dev.blindrelay.testing;

import dev.blindrelay.client.ChatClient;
import dev.blindrelay.client.ClientSettings;
import dev.blindrelay.session.SessionOptions;
import dev.blindrelay.identity.IdentityKeyPair;
import dev.blindrelay.identity.KnownPeers;
import dev.blindrelay.relay.RelayLimits;
import dev.blindrelay.relay.RelayObserver;
import dev.blindrelay.relay.RelayRouter;
import dev.blindrelay.spi.Connector;
import dev.blindrelay.spi.RelayServer;
import dev.blindrelay.spi.Transport;
import dev.blindrelay.spi.TransportOptions;
import dev.blindrelay.suite.CipherSuite;
import dev.blindrelay.suite.SuitePreference;
import dev.blindrelay.testing.suite.TestSuites;
import dev.blindrelay.trace.Tracer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A real {@link RelayRouter} behind an {@link InterceptingHandler}, listening on any {@link Transport}
 * (in memory by default), plus {@link ChatClient}s that each record into a {@link RecordingListener}.
 * Closing the harness closes every client, the connector, the server and the router.
 *
 * <pre>
 * try (ChatHarness chat = ChatHarness.start()) {
 *     ChatHarness.Client alice = chat.join("alice");
 *     ChatHarness.Client bob = chat.join("bob");
 *     alice.events().awaitSecured("bob");
 * }
 * </pre>
 */
public final class ChatHarness implements AutoCloseable {

    public static final String ROOM = ClientSettings.DEFAULT_ROOM;

    private static final SecureRandom RANDOM = new SecureRandom();

    private final RelayRouter router;
    private final InterceptingHandler relay;
    private final RelayServer server;
    private final Connector connector;
    private final CipherSuite suite;
    private final List<ChatClient> clients = new ArrayList<>();

    private ChatHarness(RelayRouter router, InterceptingHandler relay, RelayServer server, Connector connector,
                        CipherSuite suite) {
        this.router = router;
        this.relay = relay;
        this.server = server;
        this.connector = connector;
        this.suite = suite;
    }

    /** In memory, with the test suite and default limits. */
    public static ChatHarness start() throws IOException {
        return start(new LoopbackTransport(), TestSuites.x448Aes128(), RelayLimits.defaults(), RelayObserver.NONE);
    }

    public static ChatHarness start(Transport transport, CipherSuite suite, RelayLimits limits, RelayObserver observer)
            throws IOException {
        RelayRouter router = new RelayRouter(limits, observer);
        InterceptingHandler relay = new InterceptingHandler(router);
        TransportOptions options = TransportOptions.defaults();
        RelayServer server;
        try {
            server = transport.listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), relay, options);
        } catch (IOException | RuntimeException e) {
            router.close();
            throw e;
        }
        return new ChatHarness(router, relay, server, transport.connector(options), suite);
    }

    public RelayRouter router() {
        return router;
    }

    /** The malicious-relay hook: set an interceptor on it, or inject frames. */
    public InterceptingHandler relay() {
        return relay;
    }

    public InetSocketAddress address() {
        return server.address();
    }

    public CipherSuite suite() {
        return suite;
    }

    /** Joins {@link #ROOM} as {@code name} with a fresh identity and in-memory pins. */
    public Client join(String name) throws IOException {
        return client(name).join();
    }

    /** A client to configure before it joins. */
    public ClientBuilder client(String name) {
        return new ClientBuilder(name);
    }

    /** One chat client and what its user interface saw. */
    public record Client(String name, ChatClient chat, RecordingListener events, IdentityKeyPair identity,
                         KnownPeers knownPeers) implements AutoCloseable {

        /** Leaves the room. */
        @Override
        public void close() {
            chat.close();
        }
    }

    public final class ClientBuilder {
        private final String name;
        private String room = ROOM;
        private SuitePreference clientSuites = SuitePreference.of(suite);
        private IdentityKeyPair identity = IdentityKeyPair.generate(RANDOM);
        private KnownPeers knownPeers = KnownPeers.inMemory();
        private Duration joinTimeout = Duration.ofSeconds(10);
        private int maxQueued = 1000;
        private boolean reconnect;
        private Duration reconnectDelay = Duration.ofMillis(100);
        private Duration handshakeTimeout = Duration.ofSeconds(10);
        private SessionOptions session = SessionOptions.defaults();

        private ClientBuilder(String name) {
            this.name = name;
        }

        public ClientBuilder room(String value) {
            room = value;
            return this;
        }

        public ClientBuilder suite(CipherSuite value) {
            return suites(SuitePreference.of(value));
        }

        /** The suites this client accepts, most preferred first. */
        public ClientBuilder suites(SuitePreference value) {
            clientSuites = value;
            return this;
        }

        public ClientBuilder identity(IdentityKeyPair value) {
            identity = value;
            return this;
        }

        public ClientBuilder knownPeers(KnownPeers value) {
            knownPeers = value;
            return this;
        }

        public ClientBuilder joinTimeout(Duration value) {
            joinTimeout = value;
            return this;
        }

        public ClientBuilder handshakeTimeout(Duration value) {
            handshakeTimeout = value;
            return this;
        }

        /** Ratchet (the default) or static, and the ratchet's limits. */
        public ClientBuilder session(SessionOptions value) {
            session = value;
            return this;
        }

        public ClientBuilder maxQueued(int value) {
            maxQueued = value;
            return this;
        }

        /** Off by default, so that a test sees a lost connection as it happens. */
        public ClientBuilder reconnect(boolean value, Duration firstDelay) {
            reconnect = value;
            reconnectDelay = firstDelay;
            return this;
        }

        /** Creates the client without joining; {@code chat().start()} joins. Closed with the harness. */
        public Client build() {
            RecordingListener events = new RecordingListener(name);
            ClientSettings settings = new ClientSettings(name, room, address(), joinTimeout, maxQueued, reconnect,
                    reconnectDelay, Duration.ofSeconds(30)).withHandshakeTimeout(handshakeTimeout).withSession(session);
            ChatClient chat = new ChatClient(settings, clientSuites, identity, knownPeers, connector, events, Tracer.NONE);
            synchronized (clients) {
                clients.add(chat);
            }
            return new Client(name, chat, events, identity, knownPeers);
        }

        /** Creates the client and joins; returns once the relay welcomed it. */
        public Client join() throws IOException {
            Client client = build();
            client.chat().start();
            return client;
        }
    }

    @Override
    public void close() {
        List<ChatClient> all;
        synchronized (clients) {
            all = List.copyOf(clients);
        }
        all.forEach(ChatClient::close);
        connector.close();
        server.close();
        router.close();
    }
}
