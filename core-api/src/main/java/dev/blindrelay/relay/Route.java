package dev.blindrelay.relay;

import dev.blindrelay.wire.EnvelopeHeader;
import dev.blindrelay.wire.FrameType;
import dev.blindrelay.wire.WireWriter;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The router's short way for the frames that make up nearly all traffic: a peer-to-peer frame from a joined
 * member, in its room, to the member it last wrote to. It compares the header's bytes with those that the last
 * full check accepted, instead of decoding and checking three names per frame. Any frame it cannot vouch for
 * byte for byte goes the full way ({@link EnvelopeHeader#parse}), so both ways decide alike. One per member,
 * used only on that member's transport thread.
 */
final class Route {

    private static final byte VERSION = (byte) EnvelopeHeader.VERSION;
    /** Where the three names start: after the version and the type. */
    private static final int NAMES_AT = 2;

    /**
     * The header's three u8-length-prefixed names (sender, recipient, room) as the last full check accepted them,
     * and the same bytes as big-endian words: eight bytes are compared at a time (this was 4% of the relay's
     * thread byte by byte).
     */
    private byte[] names;
    private long[] nameWords;
    private Member target;
    /** The room's {@link Room#version()} when the full check found the target. */
    private int roomVersion;

    /**
     * After the full way forwarded a frame from {@code source} in {@code room} to {@code to}, named
     * {@code recipient}, found in the room at {@code version}.
     */
    void remember(Member source, Room room, String recipient, Member to, int version) {
        // Written as the header writes them (Envelope.encode), so that equal names are equal bytes.
        names = new WireWriter(3 + source.nameBytes.length + recipient.length() + room.nameBytes().length)
                .bytes8(source.nameBytes).str8(recipient).bytes8(room.nameBytes()).toByteArray();
        ByteBuffer words = ByteBuffer.wrap(names);
        nameWords = new long[names.length / Long.BYTES];
        for (int i = 0; i < nameWords.length; i++) {
            nameWords[i] = words.getLong(i * Long.BYTES);
        }
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
        if (frame.limit() - at < NAMES_AT + names.length || frame.get(at) != VERSION
                || !isPeerToPeer(frame.get(at + 1) & 0xFF) || frame.order() != ByteOrder.BIG_ENDIAN) {
            return null;
        }
        return namesMatch(frame, at + NAMES_AT) ? to : null;
    }

    /** Whether the frame's bytes from {@code at} are {@link #names}; the caller checked that they are there. */
    private boolean namesMatch(ByteBuffer frame, int at) {
        long[] words = nameWords;
        for (int i = 0; i < words.length; i++) {
            if (frame.getLong(at + i * Long.BYTES) != words[i]) {
                return false;
            }
        }
        byte[] expected = names;
        for (int i = words.length * Long.BYTES; i < expected.length; i++) {
            if (frame.get(at + i) != expected[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean isPeerToPeer(int code) {
        FrameType type = FrameType.fromCode(code);
        return type == null ? code >= 0x10 : type.isPeerToPeer();
    }
}
