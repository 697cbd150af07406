package dev.blindrelay.client;

import dev.blindrelay.wire.MalformedFrameException;
import dev.blindrelay.wire.WireReader;
import dev.blindrelay.wire.WireWriter;

import java.nio.charset.StandardCharsets;

/**
 * The plaintext inside a DATA frame, seen only by the two ends.
 * <pre>
 * u8  kind   1 = message to the room, 2 = direct message (/msg), 3 = delivery ack
 * u64 id     the sender's message id (for an ack: the id being acknowledged)
 * ... text   UTF-8 (kinds 1 and 2), empty for an ack
 * </pre>
 */
public record ChatPayload(Kind kind, long id, String text) {

    public enum Kind {
        ROOM(1), DIRECT(2), ACK(3);

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
}
