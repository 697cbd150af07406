package dev.blindrelay.testing.suite;

import dev.blindrelay.spi.Aead;
import dev.blindrelay.spi.AeadKey;

/**
 * An AEAD that has an id and sizes but refuses to encrypt: for tests of registries and suite
 * composition, where only the shape matters. Not final, so a test can make a class of its own
 * (a registry names the class of each plugin).
 */
public class ShapeOnlyAead implements Aead {

    private final String id;
    private final int nonceLength;

    public ShapeOnlyAead(String id, int nonceLength) {
        this.id = id;
        this.nonceLength = nonceLength;
    }

    public ShapeOnlyAead(String id) {
        this(id, 12);
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public int keyLength() {
        return 16;
    }

    @Override
    public int nonceLength() {
        return nonceLength;
    }

    @Override
    public int tagLength() {
        return 16;
    }

    @Override
    public AeadKey importKey(byte[] rawKey) {
        throw new UnsupportedOperationException("a shape-only AEAD never encrypts");
    }

    @Override
    public byte[] seal(AeadKey key, byte[] nonce, byte[] plaintext, byte[] associatedData) {
        throw new UnsupportedOperationException("a shape-only AEAD never encrypts");
    }

    @Override
    public byte[] open(AeadKey key, byte[] nonce, byte[] ciphertextAndTag, byte[] associatedData) {
        throw new UnsupportedOperationException("a shape-only AEAD never encrypts");
    }
}
