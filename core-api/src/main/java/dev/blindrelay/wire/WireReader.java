package dev.blindrelay.wire;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Strict big-endian decoder for protocol fields. Every read checks bounds first and fails with a
 * {@link MalformedFrameException} that says which field was wrong; nothing is allocated from an
 * unchecked length.
 */
public final class WireReader {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.nativeOrder());

    private final byte[] data;
    private final int end;
    private int position;

    public WireReader(byte[] data) {
        this(data, 0, data.length);
    }

    public WireReader(byte[] data, int offset, int length) {
        this.data = data;
        this.position = offset;
        this.end = offset + length;
    }

    public int position() {
        return position;
    }

    public int remaining() {
        return end - position;
    }

    public int u8(String field) throws MalformedFrameException {
        return u8(field, "");
    }

    public int u16(String field) throws MalformedFrameException {
        return u16(field, "");
    }

    /** The field's name is {@code field + suffix}, joined only for an error (see {@link #need}). */
    private int u8(String field, String suffix) throws MalformedFrameException {
        need(1, field, suffix);
        return data[position++] & 0xFF;
    }

    private int u16(String field, String suffix) throws MalformedFrameException {
        need(2, field, suffix);
        int value = ((data[position] & 0xFF) << 8) | (data[position + 1] & 0xFF);
        position += 2;
        return value;
    }

    public long u64(String field) throws MalformedFrameException {
        need(8, field);
        long value = 0;
        for (int i = 0; i < 8; i++) {
            value = (value << 8) | (data[position + i] & 0xFF);
        }
        position += 8;
        return value;
    }

    /** A u8-length-prefixed UTF-8 string; invalid UTF-8 is malformed, not replaced. */
    public String str8(String field) throws MalformedFrameException {
        return utf8(u8(field, " length"), field);
    }

    /** A u16-length-prefixed UTF-8 text; invalid UTF-8 is malformed, not replaced. */
    public String text16(String field) throws MalformedFrameException {
        return utf8(u16(field, " length"), field);
    }

    /** All bytes left, as UTF-8 text; invalid UTF-8 is malformed, not replaced. */
    public String restText(String field) throws MalformedFrameException {
        return utf8(end - position, field);
    }

    private String utf8(int length, String field) throws MalformedFrameException {
        need(length, field);
        if (isAscii(position, length)) {
            // Names and suite ids are nearly always ASCII: skip the strict decoder, which costs more.
            String value = new String(data, position, length, StandardCharsets.US_ASCII);
            position += length;
            return value;
        }
        try {
            String value = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(data, position, length)).toString();
            position += length;
            return value;
        } catch (CharacterCodingException e) {
            throw new MalformedFrameException(field + " is not valid UTF-8");
        }
    }

    /** Eight bytes at a time: a chat client checks every message's text, and byte by byte cost 3.5% of its thread. */
    private boolean isAscii(int from, int length) {
        int end = from + length;
        int i = from;
        for (; i <= end - Long.BYTES; i += Long.BYTES) {
            if (((long) LONGS.get(data, i) & 0x8080_8080_8080_8080L) != 0) {
                return false;
            }
        }
        for (; i < end; i++) {
            if (data[i] < 0) {
                return false;
            }
        }
        return true;
    }

    public byte[] bytes8(String field) throws MalformedFrameException {
        return fixed(u8(field, " length"), field);
    }

    public byte[] bytes16(String field) throws MalformedFrameException {
        return fixed(u16(field, " length"), field);
    }

    public byte[] fixed(int length, String field) throws MalformedFrameException {
        need(length, field);
        byte[] value = Arrays.copyOfRange(data, position, position + length);
        position += length;
        return value;
    }

    /** All bytes left. */
    public byte[] rest() {
        byte[] value = Arrays.copyOfRange(data, position, end);
        position = end;
        return value;
    }

    /** Fails when bytes are left over: every message has an exact shape. */
    public void expectEnd(String message) throws MalformedFrameException {
        if (position != end) {
            throw new MalformedFrameException(message + " has " + (end - position) + " unexpected trailing bytes");
        }
    }

    private void need(int length, String field) throws MalformedFrameException {
        need(length, field, "");
    }

    /**
     * The field's name is {@code field + suffix}, joined only for the error: a length prefix read per name of every
     * frame built that string each time.
     */
    private void need(int length, String field, String suffix) throws MalformedFrameException {
        if (length < 0 || end - position < length) {
            throw new MalformedFrameException("truncated " + field + suffix + ": need " + length + " bytes, have "
                    + Math.max(0, end - position));
        }
    }
}
