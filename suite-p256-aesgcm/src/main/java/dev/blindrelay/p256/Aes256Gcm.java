package dev.blindrelay.p256;

import dev.blindrelay.spi.Aead;
import dev.blindrelay.spi.AeadKey;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidKeyException;
import java.util.Arrays;

/**
 * AES-256-GCM with a 96-bit nonce and a 128-bit tag, over the JDK's SunJCE (AES-NI and CLMUL
 * intrinsics: measured 30x faster than BouncyCastle at 1 KiB on Java 17).
 */
public final class Aes256Gcm implements Aead {

    public static final String ID = "AES-256-GCM";
    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final int KEY_LENGTH = 32;
    private static final int NONCE_LENGTH = 12;
    private static final int TAG_LENGTH = 16;

    /*
     * Cached Ciphers, one per thread and direction: Cipher.getInstance plus a fresh AES key schedule on every
     * call made seal+open 8x slower at 64 B and 5x at 1 KiB (Java 17). A reused Cipher skips the key schedule
     * while its key stays the same, hence one per direction: a thread that seals under its send key and
     * opens under its receive key ran 4.7x faster at 64 B. A Cipher is not thread-safe, so it is never
     * shared. Keys and nonces still come with every call, so callers see a stateless AEAD.
     */
    private final ThreadLocal<Cipher> sealers = new ThreadLocal<>();
    private final ThreadLocal<Cipher> openers = new ThreadLocal<>();

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String provider() {
        try {
            return Cipher.getInstance(TRANSFORMATION).getProvider().getName();
        } catch (GeneralSecurityException e) {
            return "unavailable";
        }
    }

    @Override
    public int keyLength() {
        return KEY_LENGTH;
    }

    @Override
    public int nonceLength() {
        return NONCE_LENGTH;
    }

    @Override
    public int tagLength() {
        return TAG_LENGTH;
    }

    @Override
    public AeadKey importKey(byte[] rawKey) throws InvalidKeyException {
        if (rawKey.length != KEY_LENGTH) {
            throw new InvalidKeyException(ID + " key must be " + KEY_LENGTH + " bytes, got " + rawKey.length);
        }
        return new Key(rawKey.clone());
    }

    @Override
    public byte[] seal(AeadKey key, byte[] nonce, byte[] plaintext, byte[] associatedData)
            throws GeneralSecurityException {
        return run(Cipher.ENCRYPT_MODE, key, nonce, plaintext, associatedData);
    }

    @Override
    public byte[] open(AeadKey key, byte[] nonce, byte[] ciphertextAndTag, byte[] associatedData)
            throws GeneralSecurityException {
        // SunJCE on 17 reports this as a ProviderException, which callers would not take for a forgery.
        if (ciphertextAndTag.length < TAG_LENGTH) {
            throw new AEADBadTagException(ID + " input of " + ciphertextAndTag.length
                    + " bytes is shorter than the " + TAG_LENGTH + "-byte tag");
        }
        return run(Cipher.DECRYPT_MODE, key, nonce, ciphertextAndTag, associatedData);
    }

    private byte[] run(int mode, AeadKey key, byte[] nonce, byte[] input, byte[] associatedData)
            throws GeneralSecurityException {
        SecretKeySpec spec = new SecretKeySpec(Key.bytesOf(key), "AES");
        if (nonce.length != NONCE_LENGTH) {
            throw new InvalidAlgorithmParameterException(
                    ID + " nonce must be " + NONCE_LENGTH + " bytes, got " + nonce.length);
        }
        GCMParameterSpec params = new GCMParameterSpec(TAG_LENGTH * 8, nonce);
        ThreadLocal<Cipher> ciphers = mode == Cipher.ENCRYPT_MODE ? sealers : openers;
        Cipher cipher = ciphers.get();
        if (cipher == null) {
            cipher = Cipher.getInstance(TRANSFORMATION);
            ciphers.set(cipher);
        }
        try {
            cipher.init(mode, spec, params);
        } catch (InvalidAlgorithmParameterException sameKeyAndNonce) {
            // SunJCE refuses to encrypt twice under the key and nonce this Cipher last encrypted with. A fresh
            // Cipher accepts, as a stateless AEAD must: nonce discipline belongs to the session, not to
            // whichever thread happened to run the previous call.
            cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(mode, spec, params);
        }
        cipher.updateAAD(associatedData);
        return cipher.doFinal(input);
    }

    /**
     * Owns a copy of the key bytes, so that destroy() can wipe them. The JDK's copies inside a cached Cipher
     * stay until that Cipher's next call; destroy() cannot reach them.
     */
    private static final class Key implements AeadKey {
        private final byte[] bytes;
        private volatile boolean destroyed;

        Key(byte[] bytes) {
            this.bytes = bytes;
        }

        static byte[] bytesOf(AeadKey key) throws InvalidKeyException {
            if (!(key instanceof Key own)) {
                throw new InvalidKeyException(ID + " cannot use a key imported by "
                        + (key == null ? "nothing (null)" : key.aeadId()));
            }
            if (own.destroyed) {
                throw new InvalidKeyException(ID + " key has been destroyed");
            }
            return own.bytes;
        }

        @Override
        public String aeadId() {
            return ID;
        }

        @Override
        public void destroy() {
            destroyed = true;
            Arrays.fill(bytes, (byte) 0);
        }
    }
}
