package dev.blindrelay.handshake;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The running transcript hash of a handshake: each absorbed field updates
 * {@code h = SHA-256(h || u8 len(label) || label || u32 len(value) || value)}, starting from 32 zero
 * bytes. Length prefixes make the encoding unambiguous, labels make field order matter, and every
 * signature, key and confirmation derives from this hash, so changing any field changes all of them.
 */
public final class Transcript {

    public static final int HASH_LENGTH = 32;

    private byte[] hash = new byte[HASH_LENGTH];
    /** One digest for all the fields: looking SHA-256 up in the providers cost more than hashing a field. */
    private final MessageDigest digest = sha256();

    /** Mixes one field in and returns the new hash. */
    public byte[] absorb(String label, byte[] value) {
        byte[] labelBytes = label.getBytes(StandardCharsets.US_ASCII);
        digest.update(hash);
        digest.update((byte) labelBytes.length);
        digest.update(labelBytes);
        digest.update(new byte[] {
                (byte) (value.length >>> 24), (byte) (value.length >>> 16), (byte) (value.length >>> 8),
                (byte) value.length});
        digest.update(value);
        hash = digest.digest();
        return hash.clone();
    }

    public byte[] absorb(String label, String value) {
        return absorb(label, value.getBytes(StandardCharsets.UTF_8));
    }

    public byte[] hash() {
        return hash.clone();
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
