package dev.blindrelay.transport.ws;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The browser client's static files, read from the classpath folder {@code blindrelay-web/} (the
 * web-client module's jar, bundled into the relay's jar). Only flat names such as {@code app.js} are
 * served, so no request can reach any other resource. Files are read once and kept: they never change
 * while the relay runs.
 */
final class WebClientFiles {

    static final String FOLDER = "blindrelay-web/";

    /** A name, a dot and a known extension; sub-folders one level deep (test/unit.html). */
    private static final Pattern SAFE_PATH = Pattern.compile("(?:[a-z0-9][a-z0-9-]*/)?[a-z0-9][a-z0-9.-]*\\.(html|js|css|png|svg|ico|txt)");

    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "png", "image/png",
            "svg", "image/svg+xml",
            "ico", "image/x-icon",
            "txt", "text/plain; charset=utf-8");

    /** A file to send. */
    record File(byte[] content, String contentType) {
    }

    private final ClassLoader loader;
    private final Map<String, Optional<File>> cache = new ConcurrentHashMap<>();

    WebClientFiles(ClassLoader loader) {
        this.loader = loader;
    }

    /** The file for a request path such as {@code /} or {@code /app.js}; empty when there is none. */
    Optional<File> find(String requestPath) {
        String path = requestPath.equals("/") ? "index.html" : requestPath.startsWith("/") ? requestPath.substring(1) : requestPath;
        if (!SAFE_PATH.matcher(path).matches() || path.contains("..")) {
            return Optional.empty();
        }
        return cache.computeIfAbsent(path, this::load);
    }

    private Optional<File> load(String path) {
        try (InputStream in = loader.getResourceAsStream(FOLDER + path)) {
            if (in == null) {
                return Optional.empty();
            }
            String extension = path.substring(path.lastIndexOf('.') + 1);
            return Optional.of(new File(in.readAllBytes(), TYPES.get(extension)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + FOLDER + path + " from the classpath", e);
        }
    }
}
