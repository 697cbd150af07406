package dev.blindrelay.transport.ws;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.CharsetUtil;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Serves the browser client's static files on the relay's WebSocket port, before the WebSocket
 * handshake handler: a request for {@code /relay} passes on untouched; any other GET or HEAD gets a
 * file from {@link WebClientFiles} or 404. The page is static and holds no secret: everything secret
 * happens in the browser, so the relay stays blind.
 *
 * <p>Every response carries a strict Content-Security-Policy: scripts, styles and images from this
 * origin only (no inline script, no third party), and connections only to this page's own WebSocket.
 */
final class WebClientHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    /** A Host header we are willing to repeat in the policy: host name or address, optional port. */
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.-]{1,253}(:[0-9]{1,5})?|\\[[0-9A-Fa-f:.]{2,45}](:[0-9]{1,5})?");

    private final WebClientFiles files;
    private final boolean enabled;

    WebClientHandler(WebClientFiles files, boolean enabled) {
        super(false); // a request for /relay travels on to the WebSocket handler, still owned
        this.files = files;
        this.enabled = enabled;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        String path = new QueryStringDecoder(request.uri()).path();
        if (path.equals(WsFraming.PATH)) {
            ctx.pipeline().remove(this); // WebSocket frames from here on: nothing more to serve
            ctx.fireChannelRead(request);
            return;
        }
        try {
            respond(ctx, request, path);
        } finally {
            request.release();
        }
    }

    private void respond(ChannelHandlerContext ctx, FullHttpRequest request, String path) {
        if (!request.decoderResult().isSuccess()) {
            send(ctx, request, text(HttpResponseStatus.BAD_REQUEST, "bad request\n"));
            return;
        }
        if (!enabled) {
            send(ctx, request, text(HttpResponseStatus.NOT_FOUND,
                    "This relay serves no web page (--no-web). The relay is at ws://HOST:PORT" + WsFraming.PATH + "\n"));
            return;
        }
        boolean head = request.method().equals(HttpMethod.HEAD);
        if (!head && !request.method().equals(HttpMethod.GET)) {
            FullHttpResponse response = text(HttpResponseStatus.METHOD_NOT_ALLOWED, "only GET and HEAD\n");
            response.headers().set(HttpHeaderNames.ALLOW, "GET, HEAD");
            send(ctx, request, response);
            return;
        }
        Optional<WebClientFiles.File> file = files.find(path);
        if (file.isEmpty()) {
            send(ctx, request, text(HttpResponseStatus.NOT_FOUND, path.equals("/")
                    ? "The browser client is not in this build (the web-client jar is missing)\n" : "not found\n"));
            return;
        }
        byte[] content = file.get().content();
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                head ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(content));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, file.get().contentType());
        HttpUtil.setContentLength(response, content.length);
        securityHeaders(response.headers(), request.headers().get(HttpHeaderNames.HOST));
        send(ctx, request, response);
    }

    /** The Content-Security-Policy and the other headers a static page that does crypto should carry. */
    static void securityHeaders(HttpHeaders headers, String host) {
        String socket = host != null && HOST.matcher(host).matches()
                ? " ws://" + host + WsFraming.PATH + " wss://" + host + WsFraming.PATH : "";
        headers.set("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self'; "
                + "img-src 'self' data:; connect-src 'self'" + socket + "; object-src 'none'; base-uri 'none'; "
                + "form-action 'none'; frame-ancestors 'none'");
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("X-Frame-Options", "DENY");
        headers.set("Referrer-Policy", "no-referrer");
        headers.set("Cross-Origin-Opener-Policy", "same-origin");
        headers.set("Cross-Origin-Resource-Policy", "same-origin");
        headers.set("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=(), usb=()");
        headers.set(HttpHeaderNames.CACHE_CONTROL, "no-cache");
    }

    private static FullHttpResponse text(HttpResponseStatus status, String body) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                Unpooled.copiedBuffer(body, CharsetUtil.UTF_8));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
        HttpUtil.setContentLength(response, response.content().readableBytes());
        securityHeaders(response.headers(), null);
        return response;
    }

    private static void send(ChannelHandlerContext ctx, FullHttpRequest request, FullHttpResponse response) {
        boolean keepAlive = HttpUtil.isKeepAlive(request) && response.status().equals(HttpResponseStatus.OK);
        if (keepAlive) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            ctx.writeAndFlush(response);
        } else {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }
}
