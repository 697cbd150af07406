package dev.blindrelay.handshake;

import dev.blindrelay.wire.MalformedFrameException;
import dev.blindrelay.wire.WireReader;
import dev.blindrelay.wire.WireWriter;

import java.util.List;

/**
 * Handshake message 2, responder to initiator (handshake version 2).
 * <pre>
 * u8      handshake version = 2
 * str8    the chosen suite id (one of the offer)
 * u8      offer count n, then n × str8: the offer exactly as the responder received it
 * bytes16 responder identity public key
 * bytes16 responder ephemeral message (the chosen key agreement's response)
 * bytes16 responder signature over the handshake hash
 * bytes8  responder key confirmation
 * </pre>
 */
public record HandshakeResponse(int version, String suiteId, List<String> offerReceived, byte[] identityKey,
                                byte[] ephemeralKey, byte[] signature, byte[] confirmation) {

    public HandshakeResponse {
        offerReceived = List.copyOf(offerReceived);
    }

    public byte[] encode() {
        WireWriter writer = new WireWriter(200 + 40 * offerReceived.size() + ephemeralKey.length).u8(version)
                .str8(suiteId);
        return SuiteOffer.write(writer, offerReceived).bytes16(identityKey).bytes16(ephemeralKey)
                .bytes16(signature).bytes8(confirmation).toByteArray();
    }

    /** Parses a version-2 RESPONSE; read {@link HandshakeVersion#of} first. */
    public static HandshakeResponse parse(byte[] body) throws MalformedFrameException {
        WireReader reader = new WireReader(body);
        int version = reader.u8("handshake version");
        if (version != HandshakeInit.VERSION) {
            throw new MalformedFrameException("handshake version " + version + " RESPONSE cannot be parsed as "
                    + "version " + HandshakeInit.VERSION);
        }
        HandshakeResponse response = new HandshakeResponse(version, reader.str8("suite id"),
                SuiteOffer.read(reader, "offer received"), reader.bytes16("identity key"),
                reader.bytes16("ephemeral key"), reader.bytes16("signature"), reader.bytes8("confirmation"));
        reader.expectEnd("handshake response");
        return response;
    }
}
