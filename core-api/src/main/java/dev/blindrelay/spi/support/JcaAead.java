package dev.blindrelay.spi.support;

import dev.blindrelay.spi.Aead;
import dev.blindrelay.spi.AeadKey;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidKeyException;
import java.security.Provider;
import java.security.spec.AlgorithmParameterSpec;
import java.util.Arrays;
import java.util.Objects;

/**
 * The common part of an {@link Aead} that runs over a JCA {@link Cipher}: key import and checks, nonce
 * length checks, and the per-thread Cipher cache. A subclass names the algorithm and says how a nonce
 * becomes Cipher parameters; it stays stateless to its callers.
 */
public abstract class JcaAead implements Aead {

    private final String id;
    private final String transformation;
    private final String keyAlgorithm;
    private final int keyLength;
    private final int nonceLength;
    private final int tagLength;
    private final Provider provider;

    /*
     * Cached Ciphers, one per thread and direction. Cipher.getInstance plus a fresh key schedule on every call
     * made AES-GCM seal+open 8x slower at 64 B and 5x at 1 KiB, and ChaCha20-Poly1305 34% slower at 64 B
     * (Java 17); chat messages are small. A reused Cipher skips the key schedule while its key stays the same,
     * hence one per direction: a thread that seals under its send key and opens under its receive key ran
     * 4.7x faster at 64 B with AES-GCM. ChaCha20 needs the split too: SunJCE refuses to re-initialise it with
     * the key and nonce it last used, so with one Cipher, opening on the thread that sealed (loopback, one IO
     * thread) always took the retry below, at half speed. A Cipher is not thread-safe, so it is never shared.
     */
    private final ThreadLocal<Cipher> sealers = new ThreadLocal<>();
    private final ThreadLocal<Cipher> openers = new ThreadLocal<>();

    /**
     * @param transformation for {@link Cipher#getInstance}, e.g. {@code AES/GCM/NoPadding}
     * @param keyAlgorithm   for {@link SecretKeySpec}, e.g. {@code AES}
     * @param provider       a provider instance that is not registered with {@code java.security.Security},
     *                       or {@code null} for the JDK's usual lookup
     */
    protected JcaAead(String id, String transformation, String keyAlgorithm, int keyLength, int nonceLength,
                      int tagLength, Provider provider) {
        this.id = id;
        this.transformation = transformation;
        this.keyAlgorithm = keyAlgorithm;
        this.keyLength = keyLength;
        this.nonceLength = nonceLength;
        this.tagLength = tagLength;
        this.provider = provider;
    }

    /** The Cipher parameters for one message under {@code nonce}, which has the right length already. */
    protected abstract AlgorithmParameterSpec parameters(byte[] nonce);

    /** True for the plugin itself, false for a variant made over an explicit provider. */
    protected final boolean usesDefaultProvider() {
        return provider == null;
    }

    @Override
    public final String id() {
        return id;
    }

    @Override
    public final String provider() {
        if (provider != null) {
            // "BC" says little to a learner; name it as the key agreements do.
            return provider.getName().equals("BC") ? JcaProviders.BOUNCY_CASTLE_NAME : provider.getName();
        }
        try {
            return Cipher.getInstance(transformation).getProvider().getName();
        } catch (GeneralSecurityException e) {
            return "unavailable";
        }
    }

    @Override
    public final int keyLength() {
        return keyLength;
    }

    @Override
    public final int nonceLength() {
        return nonceLength;
    }

    @Override
    public final int tagLength() {
        return tagLength;
    }

    @Override
    public final AeadKey importKey(byte[] rawKey) throws InvalidKeyException {
        if (rawKey.length != keyLength) {
            throw new InvalidKeyException(id + " key must be " + keyLength + " bytes, got " + rawKey.length);
        }
        return new Key(id, keyAlgorithm, rawKey.clone());
    }

    @Override
    public final byte[] seal(AeadKey key, byte[] nonce, byte[] plaintext, byte[] associatedData)
            throws GeneralSecurityException {
        return run(Cipher.ENCRYPT_MODE, key, nonce, plaintext, associatedData);
    }

    @Override
    public final byte[] open(AeadKey key, byte[] nonce, byte[] ciphertextAndTag, byte[] associatedData)
            throws GeneralSecurityException {
        return run(Cipher.DECRYPT_MODE, key, nonce, ciphertextAndTag, associatedData);
    }

    /** Encrypts straight into {@code out}: no intermediate array. */
    @Override
    public final int sealInto(AeadKey key, byte[] nonce, byte[] plaintext, byte[] associatedData, byte[] out,
                              int outOffset) throws GeneralSecurityException {
        Aead.requireRoom(out, outOffset, plaintext.length + tagLength);
        Cipher cipher = initialised(Cipher.ENCRYPT_MODE, key, nonce, plaintext.length, associatedData, 0,
                associatedData.length);
        return cipher.doFinal(plaintext, 0, plaintext.length, out, outOffset);
    }

    /** Reads the associated data and the ciphertext where they lie in the frame: no copies. */
    @Override
    public final byte[] openAfter(AeadKey key, byte[] nonce, byte[] frame, int offset)
            throws GeneralSecurityException {
        Objects.checkFromToIndex(0, offset, frame.length);
        int length = frame.length - offset;
        return initialised(Cipher.DECRYPT_MODE, key, nonce, length, frame, 0, offset).doFinal(frame, offset, length);
    }

    private byte[] run(int mode, AeadKey key, byte[] nonce, byte[] input, byte[] associatedData)
            throws GeneralSecurityException {
        return initialised(mode, key, nonce, input.length, associatedData, 0, associatedData.length).doFinal(input);
    }

    /**
     * This thread's Cipher for {@code mode}, initialised for one message of {@code inputLength} bytes and fed its
     * associated data.
     */
    private Cipher initialised(int mode, AeadKey key, byte[] nonce, int inputLength, byte[] associatedData,
                               int aadOffset, int aadLength) throws GeneralSecurityException {
        Key spec = own(key);
        if (nonce.length != nonceLength) {
            throw new InvalidAlgorithmParameterException(
                    id + " nonce must be " + nonceLength + " bytes, got " + nonce.length);
        }
        // After the key and nonce checks, which are the caller's mistakes rather than a forgery. SunJCE's AES-GCM on
        // 17 reports a short input as a ProviderException, which callers would not take for a forgery.
        if (mode == Cipher.DECRYPT_MODE && inputLength < tagLength) {
            throw new AEADBadTagException(id + " input of " + inputLength
                    + " bytes is shorter than the " + tagLength + "-byte tag");
        }
        AlgorithmParameterSpec params = parameters(nonce);
        ThreadLocal<Cipher> ciphers = mode == Cipher.ENCRYPT_MODE ? sealers : openers;
        Cipher cipher = ciphers.get();
        if (cipher == null) {
            cipher = newCipher();
            ciphers.set(cipher);
        }
        try {
            cipher.init(mode, spec, params);
        } catch (InvalidKeyException | InvalidAlgorithmParameterException sameKeyAndNonce) {
            // Same key and nonce as this Cipher's previous call: SunJCE's GCM refuses to encrypt twice, SunJCE's
            // ChaCha20 refuses either mode, BouncyCastle refuses to encrypt twice. A fresh Cipher accepts, as a
            // stateless AEAD must: nonce discipline belongs to the session, not to whichever call this thread
            // happened to run before. A key or nonce that is really bad fails again here.
            cipher = newCipher();
            cipher.init(mode, spec, params);
        }
        cipher.updateAAD(associatedData, aadOffset, aadLength);
        return cipher;
    }

    private Cipher newCipher() throws GeneralSecurityException {
        return provider == null ? Cipher.getInstance(transformation) : Cipher.getInstance(transformation, provider);
    }

    /** Any implementation of the same id may use the key (a provider variant included); no other may. */
    private Key own(AeadKey key) throws InvalidKeyException {
        if (!(key instanceof Key own) || !own.aeadId.equals(id)) {
            throw new InvalidKeyException(id + " cannot use a key imported by "
                    + (key == null ? "nothing (null)" : key.aeadId()));
        }
        if (own.destroyed) {
            throw new InvalidKeyException(id + " key has been destroyed");
        }
        return own;
    }

    /**
     * Owns a copy of the key bytes, so that destroy() can wipe them, and is itself the key handed to the Cipher: a
     * {@link SecretKeySpec} made per call was one more copy of the key per message (never wiped) and, with a ratchet's
     * key per message, one more allocation each time. A provider takes what {@link #getEncoded} returns, a copy, as
     * the JCA asks. The JDK's copies inside a cached Cipher stay until that Cipher's next call; destroy() cannot reach
     * them.
     */
    private static final class Key implements AeadKey, SecretKey {
        private static final long serialVersionUID = 1L;
        private final String aeadId;
        private final String algorithm;
        private final byte[] bytes;
        private volatile boolean destroyed;

        Key(String aeadId, String algorithm, byte[] bytes) {
            this.aeadId = aeadId;
            this.algorithm = algorithm;
            this.bytes = bytes;
        }

        @Override
        public String aeadId() {
            return aeadId;
        }

        @Override
        public String getAlgorithm() {
            return algorithm;
        }

        @Override
        public String getFormat() {
            return "RAW";
        }

        @Override
        public byte[] getEncoded() {
            return bytes.clone();
        }

        @Override
        public boolean isDestroyed() {
            return destroyed;
        }

        @Override
        public void destroy() {
            destroyed = true;
            Arrays.fill(bytes, (byte) 0);
        }
    }
}
