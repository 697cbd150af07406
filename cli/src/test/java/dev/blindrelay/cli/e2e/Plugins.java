package dev.blindrelay.cli.e2e;

import dev.blindrelay.registry.PluginRegistry;
import dev.blindrelay.relay.RelayLimits;
import dev.blindrelay.relay.RelayObserver;
import dev.blindrelay.suite.CipherSuite;
import dev.blindrelay.testing.ChatHarness;
import dev.blindrelay.wire.EnvelopeHeader;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The real plugins, as ServiceLoader finds them on the test classpath, and relays built from them. */
final class Plugins {

    static final PluginRegistry REGISTRY = PluginRegistry.load();

    private Plugins() {
    }

    /** A real relay on 127.0.0.1 over {@code transport}, with the real router behind a hookable handler. */
    static ChatHarness relay(String transport, CipherSuite suite, RelayObserver observer) throws IOException {
        return ChatHarness.start(REGISTRY.transports().get(transport), suite, RelayLimits.defaults(), observer);
    }

    static ChatHarness relay(String transport) throws IOException {
        return relay(transport, REGISTRY.suite(CipherSuite.DEFAULT_ID), RelayObserver.NONE);
    }

    /** Every frame the relay forwarded, for checks on what it saw. */
    static final class Capture implements RelayObserver {
        final List<byte[]> frames = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void forwarded(EnvelopeHeader header, byte[] frame) {
            frames.add(frame.clone());
        }

        List<byte[]> frames() {
            synchronized (frames) {
                return new ArrayList<>(frames);
            }
        }
    }
}
