package dev.blindrelay.spi;

/**
 * An imported AEAD key. Opaque to core; each {@link Aead} casts it back to its own type.
 * Immutable once created, except that {@link #destroy()} wipes it.
 */
public interface AeadKey {

    /** Which AEAD made this key, checked on use so a key never crosses suites. */
    String aeadId();

    /** Overwrites the key bytes this object owns. Further use fails. */
    void destroy();
}
