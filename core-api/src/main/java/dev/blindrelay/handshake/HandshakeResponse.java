package dev.blindrelay.handshake;

import dev.blindrelay.wire.MalformedFrameException;
import dev.blindrelay.wire.WireReader;
import dev.blindrelay.wire.WireWriter;

/**
 * Handshake message 2, responder to initiator.
 * <pre>
 * u8      handshake version = 1
 * str8    suite id (must equal the initiator's)
 * bytes16 responder identity public key
 * bytes16 responder ephemeral message (KeyAgreement response)
 * bytes16 responder signature over the handshake hash
 * bytes8  responder key confirmation
 * </pre>
 */
public record HandshakeResponse(int version, String suiteId, byte[] identityKey, byte[] ephemeralKey,
                                byte[] signature, byte[] confirmation) {

    public byte[] encode() {
        return new WireWriter(160)
                .u8(version).str8(suiteId).bytes16(identityKey).bytes16(ephemeralKey)
                .bytes16(signature).bytes8(confirmation).toByteArray();
    }

    public static HandshakeResponse parse(byte[] body) throws MalformedFrameException {
        WireReader reader = new WireReader(body);
        HandshakeResponse response = new HandshakeResponse(reader.u8("handshake version"), reader.str8("suite id"),
                reader.bytes16("identity key"), reader.bytes16("ephemeral key"), reader.bytes16("signature"),
                reader.bytes8("confirmation"));
        reader.expectEnd("handshake response");
        return response;
    }
}
