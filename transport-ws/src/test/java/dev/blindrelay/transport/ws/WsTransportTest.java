package dev.blindrelay.transport.ws;

import com.sun.net.httpserver.HttpServer;
import dev.blindrelay.registry.PluginRegistry;
import dev.blindrelay.spi.Connector;
import dev.blindrelay.spi.RelayLink;
import dev.blindrelay.spi.RelayServer;
import dev.blindrelay.spi.Transport;
import dev.blindrelay.transport.testing.ForwardingRelayHandler;
import dev.blindrelay.transport.testing.ForwardingRelayHandler.Mode;
import dev.blindrelay.transport.testing.RecordingListener;
import dev.blindrelay.transport.testing.TransportContractTest;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WsTransportTest extends TransportContractTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Override
    protected Transport transport() {
        return new WsTransport();
    }

    @Test
    void serviceLoader_findsWs() {
        Transport transport = PluginRegistry.load().transports().get("ws");

        assertThat(transport).isInstanceOf(WsTransport.class);
        assertThat(transport.description()).contains("WebSocket");
    }

    /** A standard WebSocket client (the JDK's), to check the wire format independently of Netty. */
    private static final class JdkClient implements WebSocket.Listener {
        final BlockingQueue<byte[]> messages = new LinkedBlockingQueue<>();
        final CompletableFuture<Integer> closed = new CompletableFuture<>();
        private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
        WebSocket socket;

        static JdkClient connect(RelayServer server, String path) throws Exception {
            JdkClient client = new JdkClient();
            URI uri = URI.create("ws://127.0.0.1:" + server.address().getPort() + path);
            client.socket = HTTP.newWebSocketBuilder().buildAsync(uri, client).get(10, TimeUnit.SECONDS);
            return client;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            byte[] bytes = new byte[data.remaining()];
            data.get(bytes);
            partial.writeBytes(bytes);
            if (last) {
                messages.add(partial.toByteArray());
                partial.reset();
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.complete(-1);
        }

        byte[] next() throws InterruptedException {
            byte[] message = messages.poll(10, TimeUnit.SECONDS);
            assertThat(message).as("a message within 10 s").isNotNull();
            return message;
        }
    }

    @Test
    void jdkClient_binaryMessages_roundTripIncludingFragments() throws Exception {
        RelayServer server = listen(new ForwardingRelayHandler(Mode.ECHO), options());
        JdkClient client = JdkClient.connect(server, "/relay");
        byte[] whole = randomBytes(new Random(3), 100_000);

        client.socket.sendBinary(ByteBuffer.wrap(new byte[] {1, 2, 3}), true).get(10, TimeUnit.SECONDS);
        client.socket.sendBinary(ByteBuffer.wrap(whole, 0, 40_000), false).get(10, TimeUnit.SECONDS);
        client.socket.sendBinary(ByteBuffer.wrap(whole, 40_000, 60_000), true).get(10, TimeUnit.SECONDS);

        assertThat(client.next()).containsExactly(1, 2, 3);
        assertThat(client.next()).isEqualTo(whole);
    }

    private interface Misbehaviour {
        void send(WebSocket socket) throws Exception;
    }

    /** What the relay reports as malformed after a JDK client sends {@code misbehaviour}; the link closes. */
    private String malformedReasonAfter(Misbehaviour misbehaviour) throws Exception {
        ForwardingRelayHandler handler = new ForwardingRelayHandler(Mode.ECHO);
        RelayServer server = listen(handler, options());
        JdkClient client = JdkClient.connect(server, "/relay");
        RelayLink link = handler.connected.poll(10, TimeUnit.SECONDS);

        misbehaviour.send(client.socket);

        assertThat(handler.disconnected.poll(10, TimeUnit.SECONDS)).isSameAs(link);
        assertThat(client.closed.get(10, TimeUnit.SECONDS)).isNotNull();
        assertThat(handler.received).isEmpty();
        assertThat(handler.malformed).containsOnlyKeys(link);
        return handler.malformed.get(link);
    }

    @Test
    void jdkClient_textMessage_isMalformedAndClosed() throws Exception {
        String reason = malformedReasonAfter(socket -> socket.sendText("hello", true).get(10, TimeUnit.SECONDS));

        assertThat(reason).isEqualTo("a text WebSocket message is not accepted; frames are binary messages");
    }

    @Test
    void jdkClient_fragmentedMessageOverTheLimit_isMalformed() throws Exception {
        String reason = malformedReasonAfter(socket -> {
            socket.sendBinary(ByteBuffer.allocate(MAX), false).get(10, TimeUnit.SECONDS);
            socket.sendBinary(ByteBuffer.allocate(1), true);
        });

        assertThat(reason).contains("1048576");
    }

    @Test
    void jdkClient_emptyBinaryMessage_isMalformed() throws Exception {
        String reason = malformedReasonAfter(socket -> socket.sendBinary(ByteBuffer.allocate(0), true)
                .get(10, TimeUnit.SECONDS));

        assertThat(reason).isEqualTo("empty frame (a binary message of 0 bytes)");
    }

    @Test
    void http_requestForAnotherPath_gets404AndNoLink() throws Exception {
        ForwardingRelayHandler handler = new ForwardingRelayHandler(Mode.ECHO);
        RelayServer server = listen(handler, options());

        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.address().getPort() + "/other")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(handler.connected).isEmpty();
    }

    @Test
    void jdkClient_handshakeOnAnotherPath_fails() throws Exception {
        ForwardingRelayHandler handler = new ForwardingRelayHandler(Mode.ECHO);
        RelayServer server = listen(handler, options());

        assertThatThrownBy(() -> JdkClient.connect(server, "/other")).hasStackTraceContaining("404");
        assertThat(handler.connected).isEmpty();
    }

    @Test
    void connect_toAnHttpServerThatIsNotARelay_failsWithOneLine() throws Exception {
        HttpServer notARelay = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        notARelay.createContext("/", exchange -> {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        });
        notARelay.start();
        try {
            int port = notARelay.getAddress().getPort();
            Connector connector = connector(options());
            RecordingListener listener = new RecordingListener();

            assertThatThrownBy(() -> connector.connect(new InetSocketAddress("127.0.0.1", port), listener))
                    .isInstanceOf(IOException.class)
                    .hasMessageStartingWith("cannot reach relay at 127.0.0.1:" + port + ": handshake failed: ")
                    .hasMessageContaining("404")
                    .hasMessageNotContaining("\n");
            assertThat(listener.closedCalls).hasValue(0);
        } finally {
            notARelay.stop(0);
        }
    }
}
