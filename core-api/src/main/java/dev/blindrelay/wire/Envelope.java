package dev.blindrelay.wire;

import java.util.Arrays;

/**
 * A whole frame: the routing header of {@link EnvelopeHeader} and the body.
 * The header fields double as associated data for {@link FrameType#DATA} messages, so a relay that
 * rewrites a sender or recipient breaks the tag.
 */
public record Envelope(FrameType type, String sender, String recipient, String room, byte[] body) {

    public static Envelope parse(byte[] frame) throws MalformedFrameException {
        EnvelopeHeader header = EnvelopeHeader.parse(frame);
        if (header.type() == FrameType.UNDEFINED_PEER_TO_PEER) {
            throw new MalformedFrameException("frame " + header.typeName() + " is not defined in this version");
        }
        return new Envelope(header.type(), header.sender(), header.recipient(), header.room(),
                Arrays.copyOfRange(frame, header.bodyOffset(), frame.length));
    }

    public Envelope {
        if (type == FrameType.UNDEFINED_PEER_TO_PEER) {
            throw new IllegalArgumentException("an undefined frame type cannot be encoded");
        }
    }

    public byte[] encode() {
        return new WireWriter(8 + sender.length() + recipient.length() + room.length() + body.length)
                .u8(EnvelopeHeader.VERSION)
                .u8(type.code())
                .str8(sender)
                .str8(recipient)
                .str8(room)
                .raw(body)
                .toByteArray();
    }

    /** Convenience for frames the relay originates: the sender is empty. */
    public static Envelope fromRelay(FrameType type, String recipient, String room, byte[] body) {
        return new Envelope(type, "", recipient, room, body);
    }
}
