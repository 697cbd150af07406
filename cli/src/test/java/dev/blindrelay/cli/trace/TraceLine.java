package dev.blindrelay.cli.trace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * One line of a {@code --trace-json} file, read with Jackson alone (not with the classes that wrote it):
 * {@code {"party":..,"peer":..,"step":..,"purpose":..,"values":[{"name":..,"value":..,"secret":..,"hex":..}]}}.
 *
 * @param number the line number in the file, from 1, for messages
 */
record TraceLine(int number, String party, String peer, String step, List<Value> values) {

    private static final ObjectMapper JSON = new ObjectMapper();

    record Value(String name, String value, boolean secret, boolean hex) {
    }

    static List<TraceLine> parse(List<String> lines) {
        List<TraceLine> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            try {
                JsonNode node = JSON.readTree(lines.get(i));
                List<Value> values = new ArrayList<>();
                for (JsonNode value : node.get("values")) {
                    values.add(new Value(value.get("name").asText(), value.get("value").asText(),
                            value.get("secret").asBoolean(), value.get("hex").asBoolean()));
                }
                out.add(new TraceLine(i + 1, node.get("party").asText(), node.get("peer").asText(),
                        node.get("step").asText(), List.copyOf(values)));
            } catch (IOException e) {
                throw new UncheckedIOException("trace line " + (i + 1) + " is not JSON: " + lines.get(i), e);
            }
        }
        return out;
    }

    /** The text of value {@code name}; fails when there is none. */
    String text(String name) {
        return find(name).value();
    }

    /** The bytes of hex value {@code name}; fails when there is none or it is not hex. */
    byte[] bytes(String name) {
        Value value = find(name);
        if (!value.hex()) {
            throw new AssertionError(this + ": value '" + name + "' is not hex");
        }
        return HexFormat.of().parseHex(value.value());
    }

    Value find(String name) {
        return values.stream().filter(v -> v.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(this + " has no value '" + name + "'"));
    }

    /** A copy with value {@code name} replaced. */
    TraceLine with(String name, String newValue) {
        List<Value> changed = new ArrayList<>();
        for (Value value : values) {
            changed.add(value.name().equals(name) ? new Value(name, newValue, value.secret(), value.hex()) : value);
        }
        return new TraceLine(number, party, peer, step, List.copyOf(changed));
    }

    @Override
    public String toString() {
        return "line " + number + " (" + party + " -> " + peer + " " + step + ")";
    }
}
