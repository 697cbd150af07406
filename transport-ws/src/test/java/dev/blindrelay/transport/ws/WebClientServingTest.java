package dev.blindrelay.transport.ws;

import dev.blindrelay.spi.RelayServer;
import dev.blindrelay.spi.TransportOptions;
import dev.blindrelay.transport.testing.ForwardingRelayHandler;
import dev.blindrelay.transport.testing.ForwardingRelayHandler.Mode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The WebSocket port serves the browser client's files from the classpath (here the test copies in
 * src/test/resources/blindrelay-web/) at {@code /}, with a strict Content-Security-Policy; the
 * relay stays at {@code /relay}; {@code webClient = false} (--no-web) serves nothing.
 */
class WebClientServingTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private RelayServer server;

    private RelayServer listen(boolean webClient) throws Exception {
        server = new WsTransport().listen(new InetSocketAddress("127.0.0.1", 0), new ForwardingRelayHandler(Mode.ECHO),
                TransportOptions.defaults().withWebClient(webClient));
        return server;
    }

    @AfterEach
    void close() {
        server.close();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return send(HttpRequest.newBuilder(url(path)).GET().build());
    }

    private HttpResponse<String> send(HttpRequest request) throws Exception {
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.address().getPort() + path);
    }

    @Test
    void root_servesIndexHtml_withAStrictContentSecurityPolicy() throws Exception {
        listen(true);
        HttpResponse<String> page = get("/");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("test page");
        assertThat(page.headers().firstValue("content-type")).hasValue("text/html; charset=utf-8");
        String policy = page.headers().firstValue("content-security-policy").orElseThrow();
        assertThat(policy).startsWith("default-src 'self';").contains("script-src 'self';")
                .contains("connect-src 'self' ws://127.0.0.1:" + server.address().getPort() + "/relay")
                .contains("object-src 'none'").contains("frame-ancestors 'none'")
                .doesNotContain("unsafe-inline").doesNotContain("unsafe-eval").doesNotContain("http:").doesNotContain("*");
        assertThat(page.headers().firstValue("x-content-type-options")).hasValue("nosniff");
        assertThat(page.headers().firstValue("referrer-policy")).hasValue("no-referrer");
        assertThat(page.headers().firstValue("x-frame-options")).hasValue("DENY");
    }

    @Test
    void script_isServedAsJavaScript() throws Exception {
        listen(true);
        HttpResponse<String> script = get("/app.js?v=1");

        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.headers().firstValue("content-type")).hasValue("text/javascript; charset=utf-8");
        assertThat(script.body()).contains("served");
    }

    @Test
    void pathsOutsideTheClientFolder_get404() throws Exception {
        listen(true);
        for (String path : new String[] {"/../pom.xml", "/%2e%2e/pom.xml", "/META-INF/MANIFEST.MF",
                "/dev/blindrelay/transport/ws/WsTransport.class", "/missing.js", "/.hidden.js", "/index.html/"}) {
            assertThat(get(path).statusCode()).as(path).isEqualTo(404);
        }
    }

    @Test
    void otherMethods_get405() throws Exception {
        listen(true);
        HttpResponse<String> post = send(HttpRequest.newBuilder(url("/")).POST(HttpRequest.BodyPublishers.ofString("x")).build());

        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("allow")).hasValue("GET, HEAD");
    }

    @Test
    void noWeb_servesNothing_andSaysWhy() throws Exception {
        listen(false);
        HttpResponse<String> page = get("/");

        assertThat(page.statusCode()).isEqualTo(404);
        assertThat(page.body()).contains("--no-web");
    }

    @Test
    void relayPath_stillUpgradesToWebSocket_whileThePageIsServed() throws Exception {
        listen(true);
        URI relay = URI.create("ws://127.0.0.1:" + server.address().getPort() + "/relay");
        var socket = HTTP.newWebSocketBuilder().buildAsync(relay, new java.net.http.WebSocket.Listener() { })
                .get(10, java.util.concurrent.TimeUnit.SECONDS);
        socket.abort();
        assertThat(get("/").statusCode()).isEqualTo(200);
    }
}
