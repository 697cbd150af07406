package dev.blindrelay.browser;

import dev.blindrelay.client.ChatClient;
import dev.blindrelay.client.ClientSettings;
import dev.blindrelay.identity.IdentityKeyPair;
import dev.blindrelay.identity.KnownPeers;
import dev.blindrelay.registry.PluginRegistry;
import dev.blindrelay.relay.RelayLimits;
import dev.blindrelay.relay.RelayObserver;
import dev.blindrelay.relay.RelayRouter;
import dev.blindrelay.session.SessionKind;
import dev.blindrelay.session.SessionOptions;
import dev.blindrelay.spi.Connector;
import dev.blindrelay.spi.RelayServer;
import dev.blindrelay.spi.Transport;
import dev.blindrelay.spi.TransportOptions;
import dev.blindrelay.suite.SuitePreference;
import dev.blindrelay.testing.InterceptingHandler;
import dev.blindrelay.testing.RecordingListener;
import dev.blindrelay.trace.Tracer;
import dev.blindrelay.wire.EnvelopeHeader;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A real relay on 127.0.0.1 for browser tests: the real router behind a hookable handler (the
 * malicious-relay hook), listening on WebSocket, so it also serves the web client at {@code /}, exactly
 * as {@code blindrelay server --transport ws} does. It records every frame it forwards, can stop and
 * start again on the same port (a relay restart), and makes Java clients: the terminal client's engine.
 */
final class WebRelay implements AutoCloseable {

    static final PluginRegistry PLUGINS = PluginRegistry.load();
    /** The kind of session the Java clients make: the page's default (both sides must agree). */
    static final SessionKind SESSION = SessionKind.RATCHET;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Transport ws = PLUGINS.transports().get("ws");
    private final Connector connector = ws.connector(TransportOptions.defaults());
    private final List<byte[]> forwarded = Collections.synchronizedList(new ArrayList<>());
    private final List<ChatClient> clients = new ArrayList<>();
    private RelayRouter router;
    private InterceptingHandler handler;
    private RelayServer server;
    private int port;

    private WebRelay() {
    }

    static WebRelay start() throws IOException {
        WebRelay relay = new WebRelay();
        relay.listen(0);
        return relay;
    }

    private void listen(int onPort) throws IOException {
        router = new RelayRouter(RelayLimits.defaults(), new RelayObserver() {
            @Override
            public void forwarded(EnvelopeHeader header, byte[] frame) {
                forwarded.add(frame.clone());
            }
        });
        handler = new InterceptingHandler(router);
        server = ws.listen(new InetSocketAddress("127.0.0.1", onPort), handler, TransportOptions.defaults());
        port = server.address().getPort();
    }

    /** The page, as a user opens it. */
    String pageUrl() {
        return "http://127.0.0.1:" + port + "/";
    }

    InetSocketAddress address() {
        return server.address();
    }

    InterceptingHandler hook() {
        return handler;
    }

    /** Every frame the relay forwarded so far, for checks on what it saw. */
    List<byte[]> forwarded() {
        synchronized (forwarded) {
            return new ArrayList<>(forwarded);
        }
    }

    /** Stops listening and drops every connection, as a relay that crashed. */
    void stop() {
        router.stopping();
        server.close();
        router.close();
    }

    /** Listens again on the same port. */
    void restart() throws IOException {
        listen(port);
    }

    /** A Java client (the terminal client's engine) over WebSocket, joined to {@code room}. */
    JavaClient javaClient(String name, String room, String suiteIdOrAlias, boolean reconnect) throws IOException {
        return javaClient(name, room, suiteIdOrAlias, IdentityKeyPair.generate(RANDOM), reconnect);
    }

    JavaClient javaClient(String name, String room, String suiteIdOrAlias, IdentityKeyPair identity, boolean reconnect)
            throws IOException {
        return javaClient(name, room, List.of(suiteIdOrAlias), identity, reconnect);
    }

    /** With a suite list (ids or aliases, most preferred first): handshake version 2 negotiates. */
    JavaClient javaClient(String name, String room, List<String> suites, boolean reconnect) throws IOException {
        return javaClient(name, room, suites, IdentityKeyPair.generate(RANDOM), reconnect);
    }

    JavaClient javaClient(String name, String room, List<String> suiteIdsOrAliases, IdentityKeyPair identity,
                          boolean reconnect) throws IOException {
        return javaClient(name, room, suiteIdsOrAliases, identity, reconnect, SESSION);
    }

    /** With a session type of its own (both sides must agree, or the responder refuses with REJECT 4). */
    JavaClient javaClient(String name, String room, List<String> suites, IdentityKeyPair identity, SessionKind session)
            throws IOException {
        return javaClient(name, room, suites, identity, false, session);
    }

    private JavaClient javaClient(String name, String room, List<String> suiteIdsOrAliases, IdentityKeyPair identity,
                                  boolean reconnect, SessionKind session) throws IOException {
        SuitePreference suites = SuitePreference.of(suiteIdsOrAliases.stream().map(PLUGINS::suite).toList());
        RecordingListener events = new RecordingListener(name);
        ClientSettings settings = ClientSettings.of(name, room, server.address())
                .withReconnect(reconnect).withSession(SessionOptions.of(session));
        ChatClient chat = new ChatClient(settings, suites, identity, KnownPeers.inMemory(), connector, events, Tracer.NONE);
        synchronized (clients) {
            clients.add(chat);
        }
        chat.start();
        return new JavaClient(name, chat, events);
    }

    record JavaClient(String name, ChatClient chat, RecordingListener events) implements AutoCloseable {
        @Override
        public void close() {
            chat.close();
        }
    }

    @Override
    public void close() {
        synchronized (clients) {
            clients.forEach(ChatClient::close);
        }
        stop();
        connector.close();
    }

    static Duration timeout() {
        return Duration.ofSeconds(30);
    }
}
