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
