package dev.blindrelay.handshake;

import dev.blindrelay.wire.MalformedFrameException;
import dev.blindrelay.wire.WireReader;
import dev.blindrelay.wire.WireWriter;

import java.nio.charset.StandardCharsets;

/**
 * A peer refuses a handshake, in plaintext: it happens before any key exists. Unauthenticated, so a
 * client only reports it; it never changes established state.
 * <pre>
 * u8      reason (1 = suite mismatch, 2 = version mismatch, 3 = invalid handshake)
 * str8    the rejecting peer's suite id
 * bytes16 UTF-8 one-line explanation
 * </pre>
 */
public record HandshakeReject(int reason, String suiteId, String message) {

    public static final int SUITE_MISMATCH = 1;
    public static final int VERSION_MISMATCH = 2;
    public static final int INVALID = 3;

    public byte[] encode() {
        return new WireWriter(64 + message.length()).u8(reason).str8(suiteId)
                .bytes16(message.getBytes(StandardCharsets.UTF_8)).toByteArray();
    }

    public static HandshakeReject parse(byte[] body) throws MalformedFrameException {
        WireReader reader = new WireReader(body);
        HandshakeReject reject = new HandshakeReject(reader.u8("reason"), reader.str8("suite id"),
                reader.text16("message"));
        reader.expectEnd("handshake reject");
        return reject;
    }
}
