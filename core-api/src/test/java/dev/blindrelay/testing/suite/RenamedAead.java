package dev.blindrelay.testing.suite;

import dev.blindrelay.spi.Aead;
import dev.blindrelay.spi.AeadKey;

import java.security.GeneralSecurityException;

/**
 * An AEAD under another id: the same algorithm as its delegate, so that tests can build two suites that
 * differ only in their id (the key schedule must still give them different keys, and two clients must
 * still refuse each other's suite). It implements only what an Aead must, so the SPI's default methods
 * (sealInto, openAfter) run over its seal and open.
 */
public final class RenamedAead implements Aead {

    private final String id;
    private final Aead delegate;

    public RenamedAead(String id, Aead delegate) {
        this.id = id;
        this.delegate = delegate;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String provider() {
        return delegate.provider();
    }

    @Override
    public int keyLength() {
        return delegate.keyLength();
    }

    @Override
    public int nonceLength() {
        return delegate.nonceLength();
    }

    @Override
    public int tagLength() {
        return delegate.tagLength();
    }

    @Override
    public AeadKey importKey(byte[] rawKey) throws GeneralSecurityException {
        return delegate.importKey(rawKey);
    }

    @Override
    public byte[] seal(AeadKey key, byte[] nonce, byte[] plaintext, byte[] associatedData)
            throws GeneralSecurityException {
        return delegate.seal(key, nonce, plaintext, associatedData);
    }

    @Override
    public byte[] open(AeadKey key, byte[] nonce, byte[] ciphertextAndTag, byte[] associatedData)
            throws GeneralSecurityException {
        return delegate.open(key, nonce, ciphertextAndTag, associatedData);
    }
}
