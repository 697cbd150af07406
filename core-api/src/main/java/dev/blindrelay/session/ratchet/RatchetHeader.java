package dev.blindrelay.session.ratchet;

import javax.crypto.AEADBadTagException;

/**
 * The ratchet's fields of a DATA frame, between the envelope header and the ciphertext (PROTOCOL.md section 8):
 * <pre>
 * u32 epoch     the sender's sending chain
 * u32 n         the message's number in that chain, from 0
 * u32 previous  how many messages the sender sent in its previous sending chain
 * u32 seen      the latest of the receiver's epochs the sender has received a message of (0: none)
 * u8  keys      1 when the sender's step follows, else 0
 * [bytes16 response, bytes16 share]   the step: the answer to the receiver's share, and the sender's new share
 * </pre>
 *
 * @param response null when no step rides along; empty in the initiator's first epoch, which answers nothing
 * @param share    null when no step rides along
 */
record RatchetHeader(long epoch, long n, long previous, long seen, byte[] response, byte[] share) {

    static final int FIXED_LENGTH = 4 * 4 + 1;

    boolean hasKeys() {
        return share != null;
    }

    int length() {
        return FIXED_LENGTH + (hasKeys() ? 2 + response.length + 2 + share.length : 0);
    }

    /** Writes {@link #length()} bytes at {@code at}. */
    void write(byte[] out, int at) {
        at = u32(out, at, epoch);
        at = u32(out, at, n);
        at = u32(out, at, previous);
        at = u32(out, at, seen);
        out[at++] = (byte) (hasKeys() ? 1 : 0);
        if (hasKeys()) {
            at = bytes16(out, at, response);
            bytes16(out, at, share);
        }
    }

    /**
     * Reads the fields at {@code at}, which must end by {@code end} (where the AEAD tag begins). A malformed header
     * can only come from someone other than the peer, so it is reported as a forgery.
     */
    static RatchetHeader read(byte[] frame, int at, int end, String peer) throws AEADBadTagException {
        if (end - at < FIXED_LENGTH) {
            throw malformed(peer, "too short");
        }
        long epoch = u32(frame, at);
        long n = u32(frame, at + 4);
        long previous = u32(frame, at + 8);
        long seen = u32(frame, at + 12);
        int keys = frame[at + 16];
        if (epoch == 0) {
            throw malformed(peer, "epoch 0");
        }
        if (keys == 0) {
            return new RatchetHeader(epoch, n, previous, seen, null, null);
        }
        if (keys != 1) {
            throw malformed(peer, "keys flag " + keys);
        }
        int position = at + FIXED_LENGTH;
        byte[] response = bytes16(frame, position, end, peer);
        position += 2 + response.length;
        byte[] share = bytes16(frame, position, end, peer);
        if (share.length == 0) {
            throw malformed(peer, "empty key share");
        }
        return new RatchetHeader(epoch, n, previous, seen, response, share);
    }

    private static AEADBadTagException malformed(String peer, String what) {
        return new AEADBadTagException("message from " + peer + " has a malformed ratchet header (" + what + ")");
    }

    private static long u32(byte[] in, int at) {
        return ((in[at] & 0xFFL) << 24) | ((in[at + 1] & 0xFFL) << 16) | ((in[at + 2] & 0xFFL) << 8) | (in[at + 3] & 0xFFL);
    }

    private static int u32(byte[] out, int at, long value) {
        out[at] = (byte) (value >>> 24);
        out[at + 1] = (byte) (value >>> 16);
        out[at + 2] = (byte) (value >>> 8);
        out[at + 3] = (byte) value;
        return at + 4;
    }

    private static int bytes16(byte[] out, int at, byte[] value) {
        out[at] = (byte) (value.length >>> 8);
        out[at + 1] = (byte) value.length;
        System.arraycopy(value, 0, out, at + 2, value.length);
        return at + 2 + value.length;
    }

    private static byte[] bytes16(byte[] in, int at, int end, String peer) throws AEADBadTagException {
        if (end - at < 2) {
            throw malformed(peer, "truncated key material");
        }
        int length = ((in[at] & 0xFF) << 8) | (in[at + 1] & 0xFF);
        if (end - at - 2 < length) {
            throw malformed(peer, "truncated key material");
        }
        return java.util.Arrays.copyOfRange(in, at + 2, at + 2 + length);
    }
}
