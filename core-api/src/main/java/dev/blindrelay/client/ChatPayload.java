package dev.blindrelay.client;

import dev.blindrelay.wire.MalformedFrameException;
import dev.blindrelay.wire.WireReader;

import java.nio.charset.StandardCharsets;

/**
 * A chat message inside a DATA frame, seen only by the two ends.
 * <pre>
 * u8  kind   1 = message to the room, 2 = direct message (/msg); bit 0x80 set = sent again
 * u64 id     the sender's message id
 * ... text   UTF-8, strict: invalid UTF-8 makes the message malformed, never replaced
 * </pre>
 * Kind 3 is an {@link Acknowledgement}.
 *
 * <p>A message sent again in a new session (after a reconnect, because it was not acknowledged)
 * keeps its id and is marked {@code again}: only such messages are ever deduplicated by the
 * receiver, so a sender that reuses ids in a new run loses nothing.
 */
public record ChatPayload(Kind kind, long id, String text, boolean again) {

    private static final int AGAIN = 0x80;

    /** A message sent for the first time. */
    public ChatPayload(Kind kind, long id, String text) {
        this(kind, id, text, false);
    }

    /** The same message, marked as sent again. */
    ChatPayload sentAgain() {
        return again ? this : new ChatPayload(kind, id, text, true);
    }

    public enum Kind {
        ROOM(1), DIRECT(2);

        final int code;

        Kind(int code) {
            this.code = code;
        }

        /** The kind of a kind byte, whether or not it is marked as sent again. */
        static Kind of(int code) throws MalformedFrameException {
            for (Kind kind : values()) {
                if (kind.code == (code & ~AGAIN)) {
                    return kind;
                }
            }
            throw new MalformedFrameException("unknown message kind " + code);
        }
    }

    public byte[] encode() {
        // Straight into an array of the right size: through a WireWriter the text was copied twice more.
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[9 + utf8.length];
        out[0] = (byte) (kind.code | (again ? AGAIN : 0));
        for (int i = 0; i < 8; i++) {
            out[1 + i] = (byte) (id >>> (56 - 8 * i));
        }
        System.arraycopy(utf8, 0, out, 9, utf8.length);
        return out;
    }

    public static ChatPayload parse(byte[] plaintext) throws MalformedFrameException {
        WireReader reader = new WireReader(plaintext);
        int code = reader.u8("kind");
        Kind kind = Kind.of(code);
        long id = reader.u64("message id");
        String text = reader.restText("message text");
        return new ChatPayload(kind, id, text, (code & AGAIN) != 0);
    }

    /** True when {@code plaintext} is an acknowledgement rather than a message. */
    static boolean isAcknowledgement(byte[] plaintext) {
        return plaintext.length > 0 && (plaintext[0] & 0xFF) == Acknowledgement.KIND;
    }
}
