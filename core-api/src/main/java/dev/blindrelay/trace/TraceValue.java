package dev.blindrelay.trace;

import java.util.HexFormat;

/**
 * One named value in a trace step: bytes (shown in hex) or text. Secret values (private keys,
 * shared secrets, session keys) are marked so every printer labels them as secret material.
 */
public record TraceValue(String name, String value, boolean secret, boolean hex) {

    public static TraceValue bytes(String name, byte[] value) {
        return new TraceValue(name, HexFormat.of().formatHex(value), false, true);
    }

    public static TraceValue secret(String name, byte[] value) {
        return new TraceValue(name, HexFormat.of().formatHex(value), true, true);
    }

    public static TraceValue text(String name, Object value) {
        return new TraceValue(name, String.valueOf(value), false, false);
    }
}
