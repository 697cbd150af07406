package dev.blindrelay.handshake;

import dev.blindrelay.wire.MalformedFrameException;
import dev.blindrelay.wire.WireReader;
import dev.blindrelay.wire.WireWriter;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A peer refuses a handshake, in plaintext: it happens before any key exists. Unauthenticated, so a
 * client only reports it; it never changes established state. Its layout is the same in every handshake
 * version (it carries no version byte), so peers of different versions understand each other's REJECT.
 * <pre>
 * u8      reason (1 = no common suite, 2 = version mismatch, 3 = invalid handshake, 4 = session type mismatch)
 * str8    the suite ids the rejecting peer accepts, comma-separated, most preferred first
 *         (whole ids only, as many as fit in 255 bytes)
 * bytes16 UTF-8 one-line explanation
 * </pre>
 */
public record HandshakeReject(int reason, String suites, String message) {

    public static final int SUITE_MISMATCH = 1;
    public static final int VERSION_MISMATCH = 2;
    public static final int INVALID = 3;
    public static final int SESSION_MISMATCH = 4;

    /** {@code ids} for the {@code suites} field: comma-separated, cut after the last whole id that fits. */
    public static String suites(List<String> ids) {
        StringBuilder joined = new StringBuilder();
        for (String id : ids) {
            int length = joined.length() + (joined.length() == 0 ? 0 : 1) + id.length();
            if (length > 255) {
                break;
            }
            joined.append(joined.length() == 0 ? "" : ",").append(id);
        }
        return joined.toString();
    }

    public byte[] encode() {
        return new WireWriter(64 + suites.length() + message.length()).u8(reason).str8(suites)
                .bytes16(message.getBytes(StandardCharsets.UTF_8)).toByteArray();
    }

    public static HandshakeReject parse(byte[] body) throws MalformedFrameException {
        WireReader reader = new WireReader(body);
        HandshakeReject reject = new HandshakeReject(reader.u8("reason"), reader.str8("suites"),
                reader.text16("message"));
        reader.expectEnd("handshake reject");
        return reject;
    }
}
