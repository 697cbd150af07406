package dev.blindrelay.wire;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Big-endian encoder for protocol fields. Every variable field carries its own length prefix. */
public final class WireWriter {

    private final ByteArrayOutputStream out;

    public WireWriter() {
        this(64);
    }

    public WireWriter(int expectedSize) {
        out = new ByteArrayOutputStream(expectedSize);
    }

    public WireWriter u8(int value) {
        if (value < 0 || value > 0xFF) {
            throw new IllegalArgumentException("u8 out of range: " + value);
        }
        out.write(value);
        return this;
    }

    public WireWriter u16(int value) {
        if (value < 0 || value > 0xFFFF) {
            throw new IllegalArgumentException("u16 out of range: " + value);
        }
        out.write(value >>> 8);
        out.write(value);
        return this;
    }

    public WireWriter u32(long value) {
        if (value < 0 || value > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("u32 out of range: " + value);
        }
        for (int shift = 24; shift >= 0; shift -= 8) {
            out.write((int) (value >>> shift));
        }
        return this;
    }

    public WireWriter u64(long value) {
        for (int shift = 56; shift >= 0; shift -= 8) {
            out.write((int) (value >>> shift));
        }
        return this;
    }

    /** A UTF-8 string with a u8 length prefix (at most 255 bytes). */
    public WireWriter str8(String value) {
        return bytes8(value.getBytes(StandardCharsets.UTF_8));
    }

    /** Bytes with a u8 length prefix. */
    public WireWriter bytes8(byte[] value) {
        u8(value.length);
        out.writeBytes(value);
        return this;
    }

    /** Bytes with a u16 length prefix. */
    public WireWriter bytes16(byte[] value) {
        u16(value.length);
        out.writeBytes(value);
        return this;
    }

    /** Bytes with no prefix: the rest of a message. */
    public WireWriter raw(byte[] value) {
        out.writeBytes(value);
        return this;
    }

    public byte[] toByteArray() {
        return out.toByteArray();
    }
}
