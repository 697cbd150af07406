package dev.blindrelay.cli.e2e;

import dev.blindrelay.client.ChatClient;
import dev.blindrelay.client.ClientSettings;
import dev.blindrelay.identity.IdentityKeyPair;
import dev.blindrelay.identity.KnownPeers;
import dev.blindrelay.spi.Connector;
import dev.blindrelay.spi.TransportOptions;
import dev.blindrelay.testing.ChatHarness;
import dev.blindrelay.testing.RecordingListener;
import dev.blindrelay.trace.Tracer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A client on the other transport's port, through real sockets and the real relay: the client gets
 * one line with the likely cause and the fix, and the relay logs one line for that connection.
 */
class WrongTransportTest {

    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private PrintStream originalErr;

    @BeforeEach
    void captureTheLog() {
        originalErr = System.err;
        System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreTheLog() {
        System.setErr(originalErr);
    }

    private List<String> logLinesContaining(String text) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            List<String> lines;
            synchronized (log) {
                lines = Arrays.stream(log.toString(StandardCharsets.UTF_8).split("\n"))
                        .filter(line -> line.contains(text)).toList();
            }
            if (!lines.isEmpty() || System.nanoTime() > deadline) {
                return lines;
            }
            Thread.onSpinWait();
        }
    }

    private static ChatClient client(ChatHarness relay, String transport) {
        Connector connector = Plugins.REGISTRY.transports().get(transport).connector(TransportOptions.defaults());
        return new ChatClient(ClientSettings.of("Alice", ClientSettings.DEFAULT_ROOM, relay.address()),
                relay.suite(), IdentityKeyPair.generate(new SecureRandom()), KnownPeers.inMemory(), connector,
                new RecordingListener("Alice"), Tracer.NONE);
    }

    @Test
    void tcpClientOnAWebSocketPort_toldToUseWs() throws Exception {
        try (ChatHarness relay = Plugins.relay("ws"); ChatClient alice = client(relay, "tcp")) {
            assertThatThrownBy(alice::start).isInstanceOf(IOException.class)
                    .hasMessage("that port speaks WebSocket, not TCP: use --transport ws");
            assertThat(logLinesContaining("--transport tcp?")).singleElement().asString()
                    .startsWith("[WARN] ws/127.0.0.1:").contains("use --transport ws here");
        }
    }

    @Test
    void wsClientOnATcpPort_toldToUseTcp() throws Exception {
        try (ChatHarness relay = Plugins.relay("tcp"); ChatClient alice = client(relay, "ws")) {
            assertThatThrownBy(alice::start).isInstanceOf(IOException.class)
                    .hasMessageEndingWith(": that port speaks TCP, not WebSocket: use --transport tcp");
            assertThat(logLinesContaining("--transport ws?")).singleElement().asString()
                    .startsWith("[WARN] tcp/127.0.0.1:").contains("use --transport tcp here");
        }
    }
}
