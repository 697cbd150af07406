package dev.blindrelay.cli.e2e;

import dev.blindrelay.client.ChatClient;
import dev.blindrelay.client.ClientSettings;
import dev.blindrelay.identity.IdentityKeyPair;
import dev.blindrelay.identity.KnownPeers;
import dev.blindrelay.relay.Relay;
import dev.blindrelay.relay.RelayLimits;
import dev.blindrelay.relay.RelayObserver;
import dev.blindrelay.spi.Connector;
import dev.blindrelay.spi.Transport;
import dev.blindrelay.spi.TransportOptions;
import dev.blindrelay.suite.CipherSuite;
import dev.blindrelay.testing.ChatHarness;
import dev.blindrelay.testing.ChatHarness.Client;
import dev.blindrelay.testing.RecordingListener;
import dev.blindrelay.testing.suite.X448Aes128Suite;
import dev.blindrelay.trace.Tracer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every suite the registry finds × every transport, each a real chat through a real relay on
 * 127.0.0.1, plus a TCP client and a WebSocket client talking through one relay. The suites include
 * X448_HKDF-SHA256_AES-128-GCM, which exists only in test sources and reaches the registry through
 * this module's test META-INF/services: proof that a suite plugs in with no change to core or cli.
 */
class SuiteTransportMatrixTest {

    static Stream<Arguments> suitesAndTransports() {
        List<Arguments> cases = new ArrayList<>();
        for (CipherSuite suite : Plugins.REGISTRY.suites()) {
            for (String transport : Plugins.REGISTRY.transports().ids()) {
                cases.add(Arguments.of(suite.id(), transport));
            }
        }
        return cases.stream();
    }

    static Stream<String> suites() {
        return Plugins.REGISTRY.suites().stream().map(CipherSuite::id);
    }

    @Test
    void registry_findsTheShippedSuitesTheTestSuiteAndBothTransports() {
        assertThat(Plugins.REGISTRY.suites()).extracting(CipherSuite::id).containsExactlyInAnyOrder(
                "P256_HKDF-SHA256_AES-256-GCM", "X25519_HKDF-SHA256_CHACHA20-POLY1305",
                "X25519MLKEM768_HKDF-SHA256_AES-256-GCM", X448Aes128Suite.ID);
        assertThat(Plugins.REGISTRY.transports().ids()).containsExactly("tcp", "ws");
        assertThat(Plugins.REGISTRY.failures()).isEmpty();
        assertThat(Plugins.REGISTRY.suite("x448-aes128").id()).isEqualTo(X448Aes128Suite.ID);
    }

    @ParameterizedTest(name = "{0} over {1}")
    @MethodSource("suitesAndTransports")
    void chat_everySuiteOverEveryTransport(String suiteId, String transport) throws Exception {
        CipherSuite suite = Plugins.REGISTRY.suite(suiteId);
        try (ChatHarness relay = Plugins.relay(transport, suite, RelayObserver.NONE)) {
            Client alice = relay.join("Alice");
            Client bob = relay.join("Bob");
            assertThat(alice.events().awaitSecured("Bob").safetyCode())
                    .isEqualTo(bob.events().awaitSecured("Alice").safetyCode());
            alice.chat().send("hello over " + transport + " with " + suiteId);
            bob.events().awaitMessage("Alice", "hello over " + transport + " with " + suiteId);
            bob.chat().send("and back");
            alice.events().awaitMessage("Bob", "and back");
        }
    }

    @ParameterizedTest(name = "{0}: tcp client <-> ws client")
    @MethodSource("suites")
    void chat_tcpClientAndWsClientThroughOneRelay(String suiteId) throws Exception {
        CipherSuite suite = Plugins.REGISTRY.suite(suiteId);
        Transport tcp = Plugins.REGISTRY.transports().get("tcp");
        Transport ws = Plugins.REGISTRY.transports().get("ws");
        InetSocketAddress any = new InetSocketAddress("127.0.0.1", 0);
        try (Relay relay = Relay.start(List.of(new Relay.Endpoint(tcp, any), new Relay.Endpoint(ws, any)),
                TransportOptions.defaults(), RelayLimits.defaults(), RelayObserver.NONE);
             Connector tcpConnector = tcp.connector(TransportOptions.defaults());
             Connector wsConnector = ws.connector(TransportOptions.defaults())) {
            RecordingListener aliceEvents = new RecordingListener("Alice");
            RecordingListener bobEvents = new RecordingListener("Bob");
            try (ChatClient alice = client("Alice", relay.servers().get(0).address(), suite, tcpConnector, aliceEvents);
                 ChatClient bob = client("Bob", relay.servers().get(1).address(), suite, wsConnector, bobEvents)) {
                alice.start();
                bob.start();
                assertThat(aliceEvents.awaitSecured("Bob").safetyCode())
                        .isEqualTo(bobEvents.awaitSecured("Alice").safetyCode());
                alice.send("from tcp");
                bobEvents.awaitMessage("Alice", "from tcp");
                bob.send("from ws");
                aliceEvents.awaitMessage("Bob", "from ws");
            }
        }
    }

    private static ChatClient client(String name, InetSocketAddress relay, CipherSuite suite, Connector connector,
                                     RecordingListener events) {
        return new ChatClient(ClientSettings.of(name, ClientSettings.DEFAULT_ROOM, relay).withReconnect(false), suite,
                IdentityKeyPair.generate(new SecureRandom()), KnownPeers.inMemory(), connector, events, Tracer.NONE);
    }
}
