package dev.blindrelay.handshake;

import dev.blindrelay.wire.MalformedFrameException;
import dev.blindrelay.wire.WireReader;
import dev.blindrelay.wire.WireWriter;

/**
 * Handshake message 1, initiator to responder.
 * <pre>
 * u8      handshake version = 1
 * str8    suite id
 * bytes16 initiator identity public key (Ed25519, 32 bytes)
 * bytes16 initiator ephemeral public key (KeyAgreement public message)
 * </pre>
 */
public record HandshakeInit(int version, String suiteId, byte[] identityKey, byte[] ephemeralKey) {

    public static final int VERSION = 1;

    public byte[] encode() {
        return new WireWriter(4 + suiteId.length() + identityKey.length + ephemeralKey.length)
                .u8(version).str8(suiteId).bytes16(identityKey).bytes16(ephemeralKey).toByteArray();
    }

    public static HandshakeInit parse(byte[] body) throws MalformedFrameException {
        WireReader reader = new WireReader(body);
        HandshakeInit init = new HandshakeInit(reader.u8("handshake version"), reader.str8("suite id"),
                reader.bytes16("identity key"), reader.bytes16("ephemeral key"));
        reader.expectEnd("handshake init");
        return init;
    }
}
