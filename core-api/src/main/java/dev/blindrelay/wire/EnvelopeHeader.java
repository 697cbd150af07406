package dev.blindrelay.wire;

/**
 * The routing header of a frame: all the relay ever reads. Parsing it does not copy the body,
 * so the relay can forward the original bytes unchanged.
 *
 * <pre>
 * u8  version      = 1
 * u8  type         see {@link FrameType}
 * u8  len, sender    UTF-8, empty when the relay speaks
 * u8  len, recipient UTF-8, empty when addressed to the relay
 * u8  len, room      UTF-8, empty only in frames from the relay before a JOIN succeeded
 * ... body         the rest of the frame, opaque to the relay
 * </pre>
 */
public record EnvelopeHeader(FrameType type, int code, String sender, String recipient, String room, int bodyOffset) {

    public static final int VERSION = 1;

    public static EnvelopeHeader parse(byte[] frame) throws MalformedFrameException {
        WireReader reader = new WireReader(frame);
        int version = reader.u8("version");
        if (version != VERSION) {
            throw new MalformedFrameException("unsupported protocol version " + version + "; this build speaks "
                    + VERSION);
        }
        int code = reader.u8("type");
        FrameType type = FrameType.fromCode(code);
        if (type == null && code >= 0x10) {
            type = FrameType.UNDEFINED_PEER_TO_PEER;
        } else if (type == null) {
            throw new MalformedFrameException(String.format("unknown frame type 0x%02x", code));
        }
        String sender = optionalName(reader, "sender");
        String recipient = optionalName(reader, "recipient");
        String room = optionalName(reader, "room");
        return new EnvelopeHeader(type, code, sender, recipient, room, reader.position());
    }

    private static String optionalName(WireReader reader, String field) throws MalformedFrameException {
        String name = reader.str8(field);
        if (!name.isEmpty()) {
            String problem = Names.problem(field, name);
            if (problem != null) {
                throw new MalformedFrameException(problem);
            }
        }
        return name;
    }

    /** The type's name, or its code when this build does not define it. */
    public String typeName() {
        return type == FrameType.UNDEFINED_PEER_TO_PEER ? String.format("type 0x%02x", code) : type.name();
    }

    public int bodyLength(byte[] frame) {
        return frame.length - bodyOffset;
    }
}
