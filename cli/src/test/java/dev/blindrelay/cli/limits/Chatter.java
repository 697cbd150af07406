package dev.blindrelay.cli.limits;

import dev.blindrelay.client.ChatClient;
import dev.blindrelay.client.ClientSettings;
import dev.blindrelay.identity.IdentityKeyPair;
import dev.blindrelay.identity.KnownPeers;
import dev.blindrelay.registry.PluginRegistry;
import dev.blindrelay.spi.Connector;
import dev.blindrelay.spi.TransportOptions;
import dev.blindrelay.suite.CipherSuite;
import dev.blindrelay.testing.RecordingListener;
import dev.blindrelay.trace.Tracer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.SecureRandom;

/**
 * A real chat user for limit tests: a {@link ChatClient} with the x25519-chacha suite (the fastest
 * handshake) over its own tcp connector, recording everything it is told.
 */
final class Chatter implements AutoCloseable {

    private static final CipherSuite SUITE = PluginRegistry.load(Chatter.class.getClassLoader()).suite("x25519-chacha");

    final ChatClient client;
    final RecordingListener events;
    private final Connector connector;

    private Chatter(ClientSettings settings) {
        this.events = new RecordingListener(settings.name());
        this.connector = LiveRelay.TCP.connector(TransportOptions.defaults());
        this.client = new ChatClient(settings, SUITE, IdentityKeyPair.generate(new SecureRandom()),
                KnownPeers.inMemory(), connector, events, Tracer.NONE);
    }

    /** Joins without reconnecting: a lost connection stays lost, for tests about what the relay cut. */
    static Chatter join(String name, String room, InetSocketAddress relay) throws IOException {
        return join(ClientSettings.of(name, room, relay).withReconnect(false));
    }

    static Chatter join(ClientSettings settings) throws IOException {
        Chatter chatter = new Chatter(settings);
        chatter.client.start();
        return chatter;
    }

    @Override
    public void close() {
        client.close();
        connector.close();
    }
}
