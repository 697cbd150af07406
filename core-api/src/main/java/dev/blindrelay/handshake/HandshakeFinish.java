package dev.blindrelay.handshake;

import dev.blindrelay.wire.MalformedFrameException;
import dev.blindrelay.wire.WireReader;
import dev.blindrelay.wire.WireWriter;

/**
 * Handshake message 3, initiator to responder.
 * <pre>
 * bytes16 initiator signature
 * bytes8  initiator key confirmation
 * </pre>
 */
public record HandshakeFinish(byte[] signature, byte[] confirmation) {

    public byte[] encode() {
        return new WireWriter(100).bytes16(signature).bytes8(confirmation).toByteArray();
    }

    public static HandshakeFinish parse(byte[] body) throws MalformedFrameException {
        WireReader reader = new WireReader(body);
        HandshakeFinish finish = new HandshakeFinish(reader.bytes16("signature"), reader.bytes8("confirmation"));
        reader.expectEnd("handshake finish");
        return finish;
    }
}
