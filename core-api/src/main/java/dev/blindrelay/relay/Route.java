package dev.blindrelay.relay;

import dev.blindrelay.wire.EnvelopeHeader;
import dev.blindrelay.wire.FrameType;

import java.nio.ByteBuffer;

/**
 * The router's short way for the frames that make up nearly all traffic: a peer-to-peer frame from a joined
 * member, in its room, to the member it last wrote to. It compares the header's bytes with those that the last
 * full check accepted, instead of decoding and checking three names per frame. Any frame it cannot vouch for
 * byte for byte goes the full way ({@link EnvelopeHeader#parse}), so both ways decide alike. One per member,
 * used only on that member's transport thread.
 */
final class Route {

    private static final byte VERSION = (byte) EnvelopeHeader.VERSION;

    /** The recipient's name as the header carries it (UTF-8), or null before the first full check. */
    private byte[] recipient;
    private Member target;
    /** The room's {@link Room#version()} when the full check found the target. */
    private int roomVersion;

    /** After the full way forwarded a frame from this member to {@code to}, found in a room at {@code version}. */
    void remember(byte[] recipientName, Member to, int version) {
        recipient = recipientName;
        target = to;
        roomVersion = version;
    }

    /**
     * @return the member {@code frame} goes to when it is a peer-to-peer frame from {@code source} in its room to
     *         the remembered recipient, who is still there; otherwise null (the frame goes the full way)
     */
    Member targetOf(Member source, ByteBuffer frame) {
        Member to = target;
        Room room = source.room;
        if (to == null || to.closing || room == null || room.version() != roomVersion) {
            return null;
        }
        int at = frame.position();
        int end = frame.limit();
        if (end - at < 2 || frame.get(at) != VERSION || !isPeerToPeer(frame.get(at + 1) & 0xFF)) {
            return null;
        }
        at = skipIfEqual(frame, at + 2, end, source.nameBytes);
        at = skipIfEqual(frame, at, end, recipient);
        at = skipIfEqual(frame, at, end, room.nameBytes());
        return at < 0 ? null : to;
    }

    private static boolean isPeerToPeer(int code) {
        FrameType type = FrameType.fromCode(code);
        return type == null ? code >= 0x10 : type.isPeerToPeer();
    }

    /** @return the position after a u8-length-prefixed field equal to {@code expected}, or -1 */
    private static int skipIfEqual(ByteBuffer frame, int at, int end, byte[] expected) {
        if (at < 0 || at >= end || (frame.get(at) & 0xFF) != expected.length || end - at - 1 < expected.length) {
            return -1;
        }
        for (int i = 0; i < expected.length; i++) {
            if (frame.get(at + 1 + i) != expected[i]) {
                return -1;
            }
        }
        return at + 1 + expected.length;
    }
}
