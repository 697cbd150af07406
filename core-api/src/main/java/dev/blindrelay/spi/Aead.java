package dev.blindrelay.spi;

import java.security.GeneralSecurityException;

/**
 * Authenticated encryption with associated data. Stateless and immutable: the key and the nonce are
 * passed in on every call, so the caller (the session) owns all state and nonce discipline.
 *
 * <p>Ids are upper case with dashes, e.g. {@code AES-256-GCM}; an id must not contain {@code _}
 * because suite ids are {@code <KA>_<KDF>_<AEAD>}.
 */
public interface Aead extends Plugin {

    int keyLength();

    int nonceLength();

    int tagLength();

    /**
     * Wraps raw key bytes once per session. Re-using the returned key object avoids re-deriving the
     * cipher's key schedule on every message (measured 3-5x at 64 B on Java 17).
     * The caller keeps ownership of {@code rawKey} and may zero it afterwards.
     */
    AeadKey importKey(byte[] rawKey) throws GeneralSecurityException;

    /** Returns ciphertext followed by the tag. */
    byte[] seal(AeadKey key, byte[] nonce, byte[] plaintext, byte[] associatedData)
            throws GeneralSecurityException;

    /**
     * Seals like {@link #seal} but writes ciphertext and tag into {@code out} from {@code outOffset} on, so that a
     * caller builds a whole frame in one array (header first, then the sealed bytes). Writes exactly
     * {@code plaintext.length + tagLength()} bytes and returns that count; the bytes are the same as {@link #seal}'s.
     * This default copies what {@link #seal} returns; a plugin over a JCA Cipher writes in place.
     *
     * @throws javax.crypto.ShortBufferException when {@code out} has no room for them at {@code outOffset}
     *                                           (nothing is written)
     */
    default int sealInto(AeadKey key, byte[] nonce, byte[] plaintext, byte[] associatedData, byte[] out,
                         int outOffset) throws GeneralSecurityException {
        requireRoom(out, outOffset, plaintext.length + tagLength());
        byte[] sealed = seal(key, nonce, plaintext, associatedData);
        if (sealed.length != plaintext.length + tagLength()) {
            throw new GeneralSecurityException(id() + " sealed " + plaintext.length + " bytes into " + sealed.length
                    + ", not plaintext + " + tagLength() + "-byte tag");
        }
        System.arraycopy(sealed, 0, out, outOffset, sealed.length);
        return sealed.length;
    }

    /**
     * A whole frame in one array: {@code prefix}, then the ciphertext and tag of {@code plaintext} sealed with
     * {@code prefix} as the associated data (the shape of every DATA frame).
     */
    default byte[] sealAfter(AeadKey key, byte[] nonce, byte[] prefix, byte[] plaintext)
            throws GeneralSecurityException {
        byte[] frame = java.util.Arrays.copyOf(prefix, prefix.length + plaintext.length + tagLength());
        sealInto(key, nonce, plaintext, prefix, frame, prefix.length);
        return frame;
    }

    /**
     * Opens a frame that {@link #sealAfter} made, where it lies: the bytes before {@code offset} are the associated
     * data, the rest ciphertext and tag. This default copies both out for {@link #open}; a plugin over a JCA Cipher
     * reads them in place.
     *
     * @throws javax.crypto.AEADBadTagException when the tag does not verify
     * @throws IndexOutOfBoundsException         when {@code offset} is outside {@code frame}
     */
    default byte[] openAfter(AeadKey key, byte[] nonce, byte[] frame, int offset) throws GeneralSecurityException {
        java.util.Objects.checkFromToIndex(0, offset, frame.length);
        return open(key, nonce, java.util.Arrays.copyOfRange(frame, offset, frame.length),
                java.util.Arrays.copyOf(frame, offset));
    }

    /** Checks, before anything is computed, that {@code out} holds {@code length} bytes at {@code offset}. */
    static void requireRoom(byte[] out, int offset, int length) throws javax.crypto.ShortBufferException {
        if (offset < 0 || offset > out.length || out.length - offset < length) {
            throw new javax.crypto.ShortBufferException("need " + length + " bytes at offset " + offset
                    + " of a " + out.length + "-byte buffer");
        }
    }

    /**
     * Returns the plaintext of {@code ciphertextAndTag}.
     *
     * @throws javax.crypto.AEADBadTagException when the tag does not verify
     */
    byte[] open(AeadKey key, byte[] nonce, byte[] ciphertextAndTag, byte[] associatedData)
            throws GeneralSecurityException;

    /**
     * The same algorithm (same id, same bytes on the wire) from other providers, for
     * {@code blindrelay compare} to show how much the provider matters. The registry never
     * registers these: the fastest implementation is the plugin itself.
     */
    default java.util.List<Aead> providerVariants() {
        return java.util.List.of();
    }
}
