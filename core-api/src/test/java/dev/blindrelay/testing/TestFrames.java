package dev.blindrelay.testing;

import dev.blindrelay.handshake.HandshakeInit;
import dev.blindrelay.wire.Envelope;
import dev.blindrelay.wire.EnvelopeHeader;
import dev.blindrelay.wire.FrameType;
import dev.blindrelay.wire.MalformedFrameException;

import java.io.UncheckedIOException;
import java.util.Arrays;

/** Builds and reads protocol v1 frames in tests, the way a client would send them. */
public final class TestFrames {

    private TestFrames() {
    }

    public static byte[] join(String name, String room) {
        return new Envelope(FrameType.JOIN, name, "", room, new byte[0]).encode();
    }

    /** A PING from {@code name} in {@code room} to the relay. */
    public static byte[] ping(String name, String room) {
        return new Envelope(FrameType.PING, name, "", room, new byte[0]).encode();
    }

    /** A peer-to-peer frame with an opaque body. */
    public static byte[] peer(FrameType type, String from, String to, String room, byte[] body) {
        return new Envelope(type, from, to, room, body).encode();
    }

    public static byte[] data(String from, String to, String room, byte[] body) {
        return peer(FrameType.DATA, from, to, room, body);
    }

    /** Parses a frame the test knows to be well formed. */
    public static Envelope parse(byte[] frame) {
        try {
            return Envelope.parse(frame);
        } catch (MalformedFrameException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static EnvelopeHeader header(byte[] frame) {
        try {
            return EnvelopeHeader.parse(frame);
        } catch (MalformedFrameException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The type of a frame, or null when its header does not parse. */
    public static FrameType typeOf(byte[] frame) {
        try {
            return EnvelopeHeader.parse(frame).type();
        } catch (MalformedFrameException e) {
            return null;
        }
    }

    /** The same envelope header (type, sender, recipient, room) around another body. */
    public static byte[] withBody(byte[] frame, byte[] body) {
        EnvelopeHeader header = header(frame);
        return peer(header.type(), header.sender(), header.recipient(), header.room(), body);
    }

    /** A handshake INIT frame's body, parsed (the test knows it is a well-formed version-2 INIT). */
    public static HandshakeInit init(byte[] frame) {
        try {
            return HandshakeInit.parse(parse(frame).body());
        } catch (MalformedFrameException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A copy with bit 0 of byte {@code index} flipped; a negative index counts from the end. */
    public static byte[] flip(byte[] frame, int index) {
        byte[] copy = Arrays.copyOf(frame, frame.length);
        int at = index < 0 ? frame.length + index : index;
        copy[at] ^= 1;
        return copy;
    }
}
