package dev.blindrelay.x25519mlkem768;

import dev.blindrelay.spi.KeyAgreement;
import dev.blindrelay.spi.KeyAgreementResponse;
import dev.blindrelay.spi.KeyShare;
import dev.blindrelay.spi.support.JcaProviders;
import org.bouncycastle.crypto.SecretWithEncapsulation;
import org.bouncycastle.crypto.kems.MLKEMExtractor;
import org.bouncycastle.crypto.kems.MLKEMGenerator;
import org.bouncycastle.crypto.params.MLKEMParameters;
import org.bouncycastle.crypto.params.MLKEMPrivateKeyParameters;
import org.bouncycastle.crypto.params.MLKEMPublicKeyParameters;

import javax.security.auth.DestroyFailedException;
import java.security.InvalidKeyException;
import java.security.SecureRandom;
import java.util.List;

/**
 * ML-KEM-768 (FIPS 203) as a {@link KeyAgreement} in initiator/responder form: {@link #generate()} is KeyGen (the
 * encapsulation key goes to the responder), {@link #respond} is Encaps (the ciphertext comes back), {@link #finish}
 * is Decaps. BouncyCastle's lightweight API does the mathematics; this class checks lengths and turns BouncyCastle's
 * refusals into {@link InvalidKeyException}s that say what was wrong.
 *
 * <p>Registered on its own as well as inside {@link X25519MlKem768}, so {@code compare} can show ML-KEM's keygen,
 * encapsulation and decapsulation per provider, and a suite such as {@code MLKEM768_HKDF-SHA256_AES-256-GCM} can
 * be built from it by id. The named suite is the hybrid: see docs/lessons/x25519mlkem768.md for why.
 *
 * <p>The deterministic steps ({@link #decapsulationKey}, {@link #encapsulate}, {@link #decapsulate}) are public
 * so the Wycheproof tests drive the exact code the handshake runs, with the vectors' seeds and randomness.
 */
public final class MlKem768 implements KeyAgreement {

    public static final String ID = "MLKEM768";
    static final int ENCAPSULATION_KEY_LENGTH = 1184;
    static final int CIPHERTEXT_LENGTH = 1088;
    static final int SHARED_SECRET_LENGTH = 32;
    /** The 64-byte seed d || z from which FIPS 203's KeyGen_internal derives the whole key pair. */
    static final int SEED_LENGTH = 64;
    /** Encaps randomness m. */
    static final int RANDOMNESS_LENGTH = 32;
    static final String DESCRIPTION = "ML-KEM-768 (FIPS 203): module-lattice KEM, NIST category 3, post-quantum; "
            + "a tampered ciphertext gives an unrelated secret, not an error (implicit rejection); "
            + "the JDK's own ML-KEM (javax.crypto.KEM, Java 24+) is its provider variant where the runtime has it";
    static final String MODULUS_CHECK_FAILED = "ML-KEM-768 encapsulation key fails the modulus check "
            + "(FIPS 203 section 7.2): a coefficient is not reduced mod q = 3329";

    private static final MLKEMParameters PARAMETERS = MLKEMParameters.ml_kem_768;

    private final SecureRandom random = new SecureRandom();

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String provider() {
        return JcaProviders.BOUNCY_CASTLE_NAME;
    }

    @Override
    public String description() {
        return DESCRIPTION;
    }

    @Override
    public int publicKeyLength() {
        return ENCAPSULATION_KEY_LENGTH;
    }

    @Override
    public int responseLength() {
        return CIPHERTEXT_LENGTH;
    }

    @Override
    public int sharedSecretLength() {
        return SHARED_SECRET_LENGTH;
    }

    /** The JDK's ML-KEM where the runtime has one (Java 24 and newer); none on Java 17. */
    @Override
    public List<KeyAgreement> providerVariants() {
        return MlKem768Jdk.ifAvailable().<List<KeyAgreement>>map(List::of).orElse(List.of());
    }

    @Override
    public KeyShare generate() throws InvalidKeyException {
        byte[] seed = new byte[SEED_LENGTH];
        random.nextBytes(seed);
        MLKEMPrivateKeyParameters key = decapsulationKey(seed);
        return new KemKeyShare<>(ID, key.getPublicKey(), seed, key, () -> destroy(key));
    }

    @Override
    public KeyAgreementResponse respond(byte[] initiatorPublic) throws InvalidKeyException {
        byte[] m = new byte[RANDOMNESS_LENGTH];
        random.nextBytes(m);
        Encapsulation encapsulation = encapsulate(initiatorPublic, m);
        java.util.Arrays.fill(m, (byte) 0);
        return new KeyAgreementResponse(encapsulation.ciphertext(), encapsulation.sharedSecret(), null);
    }

    @Override
    public byte[] finish(KeyShare own, byte[] responderMessage) throws InvalidKeyException {
        return decapsulate(KemKeyShare.of(own, ID, MLKEMPrivateKeyParameters.class).decapsulationKey(),
                responderMessage);
    }

    /**
     * ML-KEM.KeyGen_internal(d, z) from the 64-byte seed {@code d || z}: the decapsulation key, which also holds
     * the encapsulation key ({@code getPublicKey()}).
     */
    public static MLKEMPrivateKeyParameters decapsulationKey(byte[] seed) throws InvalidKeyException {
        if (seed.length != SEED_LENGTH) {
            throw new InvalidKeyException("ML-KEM-768 seed must be " + SEED_LENGTH + " bytes, got " + seed.length);
        }
        return new MLKEMPrivateKeyParameters(PARAMETERS, seed.clone());
    }

    /**
     * ML-KEM.Encaps_internal(ek, m), after the input checks of FIPS 203 section 7.2: exact length, and every
     * coefficient of ek reduced mod q (BouncyCastle runs the modulus check when it imports the key).
     */
    public static Encapsulation encapsulate(byte[] encapsulationKey, byte[] m) throws InvalidKeyException {
        if (encapsulationKey.length != ENCAPSULATION_KEY_LENGTH) {
            throw new InvalidKeyException("ML-KEM-768 encapsulation key must be " + ENCAPSULATION_KEY_LENGTH
                    + " bytes, got " + encapsulationKey.length);
        }
        if (m.length != RANDOMNESS_LENGTH) {
            throw new IllegalArgumentException("ML-KEM-768 randomness must be " + RANDOMNESS_LENGTH + " bytes");
        }
        MLKEMPublicKeyParameters key;
        try {
            key = new MLKEMPublicKeyParameters(PARAMETERS, encapsulationKey);
        } catch (IllegalArgumentException e) {
            throw new InvalidKeyException(MODULUS_CHECK_FAILED + " (BouncyCastle: " + e.getMessage() + ")", e);
        }
        SecretWithEncapsulation result = MLKEMGenerator.internalGenerateEncapsulated(key, m);
        Encapsulation encapsulation = new Encapsulation(result.getEncapsulation(), result.getSecret());
        destroy(result);
        return encapsulation;
    }

    /**
     * ML-KEM.Decaps(dk, c) after the length check of FIPS 203 section 7.3. Never fails on a well-sized ciphertext:
     * one that was tampered with decapsulates to an unrelated secret (implicit rejection), so the handshake's key
     * confirmation is what notices.
     */
    public static byte[] decapsulate(MLKEMPrivateKeyParameters decapsulationKey, byte[] ciphertext)
            throws InvalidKeyException {
        if (ciphertext.length != CIPHERTEXT_LENGTH) {
            throw new InvalidKeyException("ML-KEM-768 ciphertext must be " + CIPHERTEXT_LENGTH + " bytes, got "
                    + ciphertext.length);
        }
        return new MLKEMExtractor(decapsulationKey).extractSecret(ciphertext);
    }

    private static void destroy(javax.security.auth.Destroyable secret) {
        try {
            secret.destroy();
        } catch (DestroyFailedException e) {
            throw new IllegalStateException("BouncyCastle could not wipe an ML-KEM secret", e);
        }
    }

    /** What encapsulation produces: the ciphertext to send and the shared secret, which the caller wipes. */
    public record Encapsulation(byte[] ciphertext, byte[] sharedSecret) {
    }
}
