package dev.blindrelay.testing.suite;

import dev.blindrelay.spi.Aead;
import dev.blindrelay.spi.AeadKey;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.util.Arrays;

/** AES-128-GCM through the JDK: an AEAD that exists only in test sources. */
public final class Aes128Gcm implements Aead {

    @Override
    public String id() {
        return "AES-128-GCM";
    }

    @Override
    public String provider() {
        return "SunJCE (test only)";
    }

    @Override
    public int keyLength() {
        return 16;
    }

    @Override
    public int nonceLength() {
        return 12;
    }

    @Override
    public int tagLength() {
        return 16;
    }

    @Override
    public AeadKey importKey(byte[] rawKey) throws GeneralSecurityException {
        if (rawKey.length != 16) {
            throw new InvalidKeyException("AES-128-GCM key must be 16 bytes");
        }
        byte[] copy = rawKey.clone();
        return new Key(copy);
    }

    @Override
    public byte[] seal(AeadKey key, byte[] nonce, byte[] plaintext, byte[] associatedData)
            throws GeneralSecurityException {
        return run(Cipher.ENCRYPT_MODE, key, nonce, plaintext, associatedData);
    }

    @Override
    public byte[] open(AeadKey key, byte[] nonce, byte[] ciphertextAndTag, byte[] associatedData)
            throws GeneralSecurityException {
        return run(Cipher.DECRYPT_MODE, key, nonce, ciphertextAndTag, associatedData);
    }

    private byte[] run(int mode, AeadKey key, byte[] nonce, byte[] input, byte[] aad) throws GeneralSecurityException {
        if (!(key instanceof Key own)) {
            throw new InvalidKeyException("not an AES-128-GCM key");
        }
        if (own.destroyed) {
            throw new InvalidKeyException("AES-128-GCM key was destroyed");
        }
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, new SecretKeySpec(own.bytes, "AES"), new GCMParameterSpec(128, nonce));
        cipher.updateAAD(aad);
        return cipher.doFinal(input);
    }

    /** Further use after {@link #destroy()} fails, as the {@link AeadKey} contract asks. */
    private static final class Key implements AeadKey {
        private final byte[] bytes;
        private volatile boolean destroyed;

        Key(byte[] bytes) {
            this.bytes = bytes;
        }

        @Override
        public String aeadId() {
            return "AES-128-GCM";
        }

        @Override
        public void destroy() {
            destroyed = true;
            Arrays.fill(bytes, (byte) 0);
        }
    }
}
