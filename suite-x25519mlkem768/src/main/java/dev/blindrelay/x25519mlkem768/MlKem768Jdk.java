package dev.blindrelay.x25519mlkem768;

import dev.blindrelay.spi.KeyAgreement;
import dev.blindrelay.spi.KeyAgreementResponse;
import dev.blindrelay.spi.KeyShare;

import javax.crypto.SecretKey;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;

/**
 * ML-KEM-768 from the JDK itself ({@code javax.crypto.KEM}, Java 24 and newer): the provider variant of
 * {@link MlKem768} for {@code blindrelay compare}, with the same raw bytes on the wire.
 *
 * <p>We compile for Java 17, which has no {@code javax.crypto.KEM}, so the class is reached through method
 * handles, looked up once. On a runtime without it {@link #ifAvailable()} is empty and nothing else here runs.
 * The JDK's keys travel in X.509 and PKCS#8 wrappers; the wire carries the raw FIPS 203 encodings, so the
 * fixed X.509 prefix of an ML-KEM-768 public key is added and removed here.
 *
 * <p>The JDK's private key object cannot be wiped ({@code destroy()} is not supported); only its encoding,
 * which the trace shows, is. The chat itself always uses the BouncyCastle plugin.
 */
final class MlKem768Jdk implements KeyAgreement {

    /** SubjectPublicKeyInfo up to the key: SEQUENCE, AlgorithmIdentifier id-alg-ml-kem-768, BIT STRING header. */
    private static final byte[] X509_PREFIX = HexFormat.of().parseHex("308204b2300b0609608648016503040402038204a100");

    private final Kem kem;

    private MlKem768Jdk(Kem kem) {
        this.kem = kem;
    }

    /** The variant, when this runtime's JDK has ML-KEM (Java 24+); empty on Java 17. */
    static Optional<KeyAgreement> ifAvailable() {
        return Kem.INSTANCE.map(MlKem768Jdk::new);
    }

    @Override
    public String id() {
        return MlKem768.ID;
    }

    @Override
    public String provider() {
        return kem.provider.getName();
    }

    @Override
    public String description() {
        return MlKem768.DESCRIPTION;
    }

    @Override
    public int publicKeyLength() {
        return MlKem768.ENCAPSULATION_KEY_LENGTH;
    }

    @Override
    public int responseLength() {
        return MlKem768.CIPHERTEXT_LENGTH;
    }

    @Override
    public int sharedSecretLength() {
        return MlKem768.SHARED_SECRET_LENGTH;
    }

    @Override
    public KeyShare generate() throws GeneralSecurityException {
        KeyPair pair = KeyPairGenerator.getInstance("ML-KEM-768", kem.provider).generateKeyPair();
        byte[] spki = pair.getPublic().getEncoded();
        if (!Arrays.equals(spki, 0, X509_PREFIX.length, X509_PREFIX, 0, X509_PREFIX.length)
                || spki.length != X509_PREFIX.length + MlKem768.ENCAPSULATION_KEY_LENGTH) {
            throw new GeneralSecurityException("unexpected ML-KEM-768 public key encoding from " + provider());
        }
        byte[] encapsulationKey = Arrays.copyOfRange(spki, X509_PREFIX.length, spki.length);
        return new KemKeyShare<>(MlKem768.ID, encapsulationKey, pair.getPrivate().getEncoded(), pair.getPrivate(),
                () -> { });
    }

    @Override
    public KeyAgreementResponse respond(byte[] initiatorPublic) throws GeneralSecurityException {
        if (initiatorPublic.length != MlKem768.ENCAPSULATION_KEY_LENGTH) {
            throw new InvalidKeyException("ML-KEM-768 encapsulation key must be " + MlKem768.ENCAPSULATION_KEY_LENGTH
                    + " bytes, got " + initiatorPublic.length);
        }
        byte[] spki = Arrays.copyOf(X509_PREFIX, X509_PREFIX.length + initiatorPublic.length);
        System.arraycopy(initiatorPublic, 0, spki, X509_PREFIX.length, initiatorPublic.length);
        Object encapsulated;
        try {
            PublicKey key = KeyFactory.getInstance("ML-KEM", kem.provider).generatePublic(new X509EncodedKeySpec(spki));
            encapsulated = kem.encapsulate(key);
        } catch (InvalidKeySpecException | InvalidKeyException e) {
            // The JDK runs the modulus check when it makes the encapsulator.
            throw new InvalidKeyException(MlKem768.MODULUS_CHECK_FAILED + " (" + provider() + ": " + e.getMessage()
                    + ")", e);
        }
        return new KeyAgreementResponse(kem.encapsulation(encapsulated), kem.key(encapsulated), null);
    }

    @Override
    public byte[] finish(KeyShare own, byte[] responderMessage) throws GeneralSecurityException {
        PrivateKey key = KemKeyShare.of(own, MlKem768.ID, PrivateKey.class).decapsulationKey();
        if (responderMessage.length != MlKem768.CIPHERTEXT_LENGTH) {
            throw new InvalidKeyException("ML-KEM-768 ciphertext must be " + MlKem768.CIPHERTEXT_LENGTH
                    + " bytes, got " + responderMessage.length);
        }
        return kem.decapsulate(key, responderMessage);
    }

    /** {@code javax.crypto.KEM} through method handles: immutable and safe to share between threads, as KEM is. */
    private static final class Kem {

        static final Optional<Kem> INSTANCE = find();

        final Provider provider;
        private final Object kem;
        private final MethodHandle newEncapsulator;
        private final MethodHandle encapsulate;
        private final MethodHandle encapsulation;
        private final MethodHandle key;
        private final MethodHandle newDecapsulator;
        private final MethodHandle decapsulate;

        private Kem(Provider provider, Object kem, MethodHandles.Lookup lookup, Class<?> kemClass)
                throws ReflectiveOperationException {
            this.provider = provider;
            this.kem = kem;
            Class<?> encapsulator = Class.forName("javax.crypto.KEM$Encapsulator");
            Class<?> encapsulated = Class.forName("javax.crypto.KEM$Encapsulated");
            Class<?> decapsulator = Class.forName("javax.crypto.KEM$Decapsulator");
            newEncapsulator = lookup.findVirtual(kemClass, "newEncapsulator", MethodType.methodType(encapsulator,
                    PublicKey.class));
            encapsulate = lookup.findVirtual(encapsulator, "encapsulate", MethodType.methodType(encapsulated));
            encapsulation = lookup.findVirtual(encapsulated, "encapsulation", MethodType.methodType(byte[].class));
            key = lookup.findVirtual(encapsulated, "key", MethodType.methodType(SecretKey.class));
            newDecapsulator = lookup.findVirtual(kemClass, "newDecapsulator", MethodType.methodType(decapsulator,
                    PrivateKey.class));
            decapsulate = lookup.findVirtual(decapsulator, "decapsulate", MethodType.methodType(SecretKey.class,
                    byte[].class));
        }

        private static Optional<Kem> find() {
            try {
                Class<?> kemClass = Class.forName("javax.crypto.KEM");
                Provider provider = KeyPairGenerator.getInstance("ML-KEM-768").getProvider();
                MethodHandles.Lookup lookup = MethodHandles.publicLookup();
                Object kem = lookup.findStatic(kemClass, "getInstance",
                        MethodType.methodType(kemClass, String.class, Provider.class)).invoke("ML-KEM", provider);
                return Optional.of(new Kem(provider, kem, lookup, kemClass));
            } catch (ClassNotFoundException | GeneralSecurityException e) {
                return Optional.empty(); // Java 17 to 23: no KEM class or no ML-KEM
            } catch (Throwable e) {
                throw new IllegalStateException("javax.crypto.KEM is present but not as expected", e);
            }
        }

        Object encapsulate(PublicKey publicKey) throws GeneralSecurityException {
            return call(() -> encapsulate.invoke(newEncapsulator.invoke(kem, publicKey)));
        }

        byte[] encapsulation(Object encapsulated) throws GeneralSecurityException {
            return (byte[]) call(() -> encapsulation.invoke(encapsulated));
        }

        byte[] key(Object encapsulated) throws GeneralSecurityException {
            return ((SecretKey) call(() -> key.invoke(encapsulated))).getEncoded();
        }

        byte[] decapsulate(PrivateKey privateKey, byte[] ciphertext) throws GeneralSecurityException {
            return ((SecretKey) call(() -> decapsulate.invoke(newDecapsulator.invoke(kem, privateKey), ciphertext)))
                    .getEncoded();
        }

        /** Runs a handle call, letting checked security exceptions and unchecked ones through as they are. */
        private static Object call(Call call) throws GeneralSecurityException {
            try {
                return call.run();
            } catch (GeneralSecurityException | RuntimeException | Error e) {
                throw e;
            } catch (Throwable e) {
                throw new GeneralSecurityException(e);
            }
        }

        @FunctionalInterface
        private interface Call {
            Object run() throws Throwable;
        }
    }
}
