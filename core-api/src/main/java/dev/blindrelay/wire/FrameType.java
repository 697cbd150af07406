package dev.blindrelay.wire;

/**
 * The type byte of an envelope. Types below {@code 0x10} are between a client and the relay; types
 * from {@code 0x10} up are between two clients, and the relay forwards their bodies unchanged.
 * Codes are part of protocol v1 (docs/PROTOCOL.md) and never change meaning.
 */
public enum FrameType {
    /** Client to relay: join a room under a name. Body: empty. */
    JOIN(0x01),
    /** Relay to client: the join worked. Body: the members already in the room. */
    WELCOME(0x02),
    /** Relay to client: someone joined the room. Body: the name. */
    PEER_JOINED(0x03),
    /** Relay to client: someone left the room. Body: the name. */
    PEER_LEFT(0x04),
    /** Relay to client: a request failed. Body: fatal flag and a one-line reason. */
    ERROR(0x05),
    /** Relay to client: an announcement, such as a shutdown. Body: a one-line text. */
    NOTICE(0x06),
    /** Either way: keep-alive. Body: empty. */
    PING(0x07),
    PONG(0x08),

    /** Handshake message 1, initiator to responder. */
    HANDSHAKE_INIT(0x10),
    /** Handshake message 2, responder to initiator. */
    HANDSHAKE_RESPONSE(0x11),
    /** Handshake message 3, initiator to responder. */
    HANDSHAKE_FINISH(0x12),
    /** A peer refuses a handshake (e.g. another suite), in plaintext with a reason. */
    HANDSHAKE_REJECT(0x13),
    /** An encrypted message of an established session. */
    DATA(0x20),

    /**
     * Any type from {@code 0x10} up that this build does not define (the header keeps the byte): the
     * relay forwards it unchanged like every peer-to-peer type, so that new ones work through old
     * relays; a client ignores it. Never encoded.
     */
    UNDEFINED_PEER_TO_PEER(-1);

    private static final FrameType[] BY_CODE = new FrameType[256];

    static {
        for (FrameType type : values()) {
            if (type.code >= 0) {
                BY_CODE[type.code] = type;
            }
        }
    }

    private final int code;

    FrameType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** True for types the relay forwards to another client without reading the body. */
    public boolean isPeerToPeer() {
        return code >= 0x10 || this == UNDEFINED_PEER_TO_PEER;
    }

    /** @return the type, or {@code null} when the code is not defined in v1 */
    public static FrameType fromCode(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }
}
