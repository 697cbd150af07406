package dev.blindrelay.trace;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes each trace step as one JSON object per line, for tools and tests:
 * {@code {"party":..,"peer":..,"step":..,"purpose":..,"values":[{"name":..,"value":..,"secret":..,"hex":..}]}}.
 */
public final class JsonLinesTracer implements Tracer, Closeable {

    private final Writer out;

    public JsonLinesTracer(Writer out) {
        this.out = out;
    }

    public static JsonLinesTracer toFile(Path file) throws IOException {
        return new JsonLinesTracer(new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8)));
    }

    @Override
    public boolean enabled() {
        return true;
    }

    @Override
    public synchronized void event(TraceEvent event) {
        StringBuilder json = new StringBuilder(256).append('{');
        field(json, "party", event.party()).append(',');
        field(json, "peer", event.peer()).append(',');
        field(json, "step", event.step()).append(',');
        field(json, "purpose", event.purpose()).append(",\"values\":[");
        for (int i = 0; i < event.values().size(); i++) {
            TraceValue value = event.values().get(i);
            if (i > 0) {
                json.append(',');
            }
            json.append('{');
            field(json, "name", value.name()).append(',');
            field(json, "value", value.value()).append(",\"secret\":").append(value.secret())
                    .append(",\"hex\":").append(value.hex()).append('}');
        }
        json.append("]}\n");
        try {
            out.write(json.toString());
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the JSON trace", e);
        }
    }

    private static StringBuilder field(StringBuilder json, String name, String value) {
        json.append('"').append(name).append("\":\"");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        return json.append('"');
    }

    @Override
    public synchronized void close() throws IOException {
        out.close();
    }
}
