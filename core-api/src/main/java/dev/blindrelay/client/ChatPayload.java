package dev.blindrelay.client;

import dev.blindrelay.wire.MalformedFrameException;
import dev.blindrelay.wire.WireReader;
import dev.blindrelay.wire.WireWriter;

import java.nio.charset.StandardCharsets;

/**
 * A chat message inside a DATA frame, seen only by the two ends.
 * <pre>
 * u8  kind   1 = message to the room, 2 = direct message (/msg)
 * u64 id     the sender's message id
 * ... text   UTF-8
 * </pre>
 * Kind 3 is an {@link Acknowledgement}.
 */
public record ChatPayload(Kind kind, long id, String text) {

    public enum Kind {
        ROOM(1), DIRECT(2);

        final int code;

        Kind(int code) {
            this.code = code;
        }

        static Kind of(int code) throws MalformedFrameException {
            for (Kind kind : values()) {
                if (kind.code == code) {
                    return kind;
                }
            }
            throw new MalformedFrameException("unknown message kind " + code);
        }
    }

    public byte[] encode() {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        return new WireWriter(9 + utf8.length).u8(kind.code).u64(id).raw(utf8).toByteArray();
    }

    public static ChatPayload parse(byte[] plaintext) throws MalformedFrameException {
        WireReader reader = new WireReader(plaintext);
        Kind kind = Kind.of(reader.u8("kind"));
        long id = reader.u64("message id");
        String text = new String(reader.rest(), StandardCharsets.UTF_8);
        return new ChatPayload(kind, id, text);
    }

    /** True when {@code plaintext} is an acknowledgement rather than a message. */
    static boolean isAcknowledgement(byte[] plaintext) {
        return plaintext.length > 0 && (plaintext[0] & 0xFF) == Acknowledgement.KIND;
    }
}
