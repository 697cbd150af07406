package dev.blindrelay.x25519mlkem768;

import dev.blindrelay.spi.KeyAgreement;
import dev.blindrelay.spi.KeyAgreementResponse;
import dev.blindrelay.spi.KeyShare;
import dev.blindrelay.spi.support.JcaProviders;
import dev.blindrelay.testing.Wycheproof;
import dev.blindrelay.testing.contract.KeyAgreementContract;
import org.assertj.core.api.SoftAssertions;
import org.bouncycastle.crypto.params.MLKEMParameters;
import org.bouncycastle.crypto.params.MLKEMPrivateKeyParameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.security.InvalidKeyException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * ML-KEM-768 on its own: the key agreement contract (on BouncyCastle, and on the JDK's ML-KEM where the runtime
 * has it), and every test of the four Wycheproof ML-KEM-768 files through {@link MlKem768}'s own steps.
 */
class MlKem768Test extends KeyAgreementContract {

    private final MlKem768 kem = new MlKem768();

    @Override
    protected KeyAgreement newPlugin() {
        return new MlKem768();
    }

    /** Encapsulation keys whose first coefficient is q = 3329 or above: the FIPS 203 section 7.2 modulus check. */
    @Override
    protected List<byte[]> invalidPublicKeys() throws Exception {
        return List.of(unreduced(kem.generate().publicBytes(), 3329), unreduced(kem.generate().publicBytes(), 4095));
    }

    /** The 12-bit coefficient {@code value} in place of the first one (little-endian, as ByteEncode_12 packs). */
    static byte[] unreduced(byte[] encapsulationKey, int value) {
        byte[] bad = encapsulationKey.clone();
        bad[0] = (byte) value;
        bad[1] = (byte) ((bad[1] & 0xf0) | (value >> 8));
        return bad;
    }

    /**
     * mlkem_768_test.json: KeyGen from the seed d || z, then Decaps of the vector's ciphertext, both through the
     * plugin's own steps. Valid tests include random and bit-flipped ciphertexts, whose K is the implicit-rejection
     * secret; invalid tests have a seed or a ciphertext of the wrong length and must be refused.
     */
    @Test
    void keyGenAndDecaps_wycheproofVectors() {
        List<Wycheproof.Case> cases = Wycheproof.cases("mlkem_768_test.json");
        int[] counts = new int[2]; // valid, invalid
        SoftAssertions.assertSoftly(softly -> {
            for (Wycheproof.Case c : cases) {
                try {
                    MLKEMPrivateKeyParameters key = MlKem768.decapsulationKey(c.hex("seed"));
                    softly.assertThat(key.getPublicKey()).as(c.toString()).isEqualTo(c.hex("ek"));
                    byte[] secret = MlKem768.decapsulate(key, c.hex("c"));
                    softly.assertThat(c.valid()).as(c + " accepted").isTrue();
                    softly.assertThat(secret).as(c.toString()).isEqualTo(c.hex("K"));
                } catch (InvalidKeyException e) {
                    softly.assertThat(c.invalid()).as(c + " refused: " + e.getMessage()).isTrue();
                    softly.assertThat(e.getMessage()).as(c.toString()).containsAnyOf("seed must be 64 bytes",
                            "ciphertext must be 1088 bytes");
                }
                counts[c.valid() ? 0 : 1]++;
            }
        });
        assertThat(counts).containsExactly(153, 40);
    }

    /**
     * mlkem_768_encaps_test.json: Encaps with the vector's randomness m, through the plugin's own step. Invalid
     * tests have an encapsulation key of the wrong length or one that is not reduced mod q (flag ModulusOverflow,
     * and the 100 "Public key not reduced" tests): all refused before anything is encapsulated.
     */
    @Test
    void encaps_wycheproofVectors() {
        List<Wycheproof.Case> cases = Wycheproof.cases("mlkem_768_encaps_test.json");
        int[] counts = new int[3]; // valid, refused for the modulus, refused for the length
        SoftAssertions.assertSoftly(softly -> {
            for (Wycheproof.Case c : cases) {
                try {
                    MlKem768.Encapsulation result = MlKem768.encapsulate(c.hex("ek"), c.hex("m"));
                    softly.assertThat(c.valid()).as(c + " accepted").isTrue();
                    softly.assertThat(result.ciphertext()).as(c.toString()).isEqualTo(c.hex("c"));
                    softly.assertThat(result.sharedSecret()).as(c.toString()).isEqualTo(c.hex("K"));
                    counts[0]++;
                } catch (InvalidKeyException e) {
                    softly.assertThat(c.invalid()).as(c + " refused: " + e.getMessage()).isTrue();
                    boolean modulus = e.getMessage().contains("modulus check");
                    softly.assertThat(modulus || e.getMessage().contains("must be 1184 bytes")).as(c.toString()).isTrue();
                    counts[modulus ? 1 : 2]++;
                }
            }
        });
        assertThat(counts).containsExactly(133, 112, 20);
    }

    /** The same invalid encapsulation keys through {@code respond}, on every provider (the JDK's included). */
    @ParameterizedTest
    @MethodSource("implementations")
    void respond_refusesEveryInvalidWycheproofKey(KeyAgreement implementation) {
        List<Wycheproof.Case> invalid = Wycheproof.cases("mlkem_768_encaps_test.json").stream()
                .filter(Wycheproof.Case::invalid).toList();
        SoftAssertions.assertSoftly(softly -> {
            for (Wycheproof.Case c : invalid) {
                softly.assertThatThrownBy(() -> implementation.respond(c.hex("ek"))).as(c.toString())
                        .isInstanceOf(InvalidKeyException.class).hasMessageContaining("ML-KEM-768 encapsulation key");
            }
        });
        assertThat(invalid).hasSize(132);
    }

    /**
     * mlkem_768_keygen_seed_test.json: KeyGen from the seed through the plugin's own step. The vectors also give
     * the expanded decapsulation key (2400 bytes), a form the plugin never exports; it is read from the
     * BouncyCastle key that {@link MlKem768#decapsulationKey} returns.
     */
    @Test
    void keyGenFromSeed_wycheproofVectors() throws Exception {
        List<Wycheproof.Case> cases = Wycheproof.cases("mlkem_768_keygen_seed_test.json");
        SoftAssertions softly = new SoftAssertions();
        for (Wycheproof.Case c : cases) {
            MLKEMPrivateKeyParameters key = MlKem768.decapsulationKey(c.hex("seed"));
            softly.assertThat(c.valid()).as(c.toString()).isTrue();
            softly.assertThat(key.getPublicKey()).as(c.toString()).isEqualTo(c.hex("ek"));
            softly.assertThat(key.withPreferredFormat(MLKEMPrivateKeyParameters.EXPANDED_KEY).getEncoded())
                    .as(c.toString()).isEqualTo(c.hex("dk"));
        }
        softly.assertAll();
        assertThat(cases).hasSize(100);
    }

    /**
     * mlkem_768_semi_expanded_decaps_test.json: Decaps with an expanded decapsulation key. The plugin keeps its keys
     * as seeds and has no API to import an expanded key, so the test imports it with BouncyCastle (which checks its
     * length and its embedded H(ek), FIPS 203 section 7.3) and then decapsulates through the plugin's own step, which
     * checks the ciphertext's length. Invalid tests must be refused at one of the two.
     */
    @Test
    void decapsWithExpandedKey_wycheproofVectors() {
        List<Wycheproof.Case> cases = Wycheproof.cases("mlkem_768_semi_expanded_decaps_test.json");
        int[] counts = new int[3]; // valid, key refused, ciphertext refused
        SoftAssertions.assertSoftly(softly -> {
            for (Wycheproof.Case c : cases) {
                MLKEMPrivateKeyParameters key;
                try {
                    key = new MLKEMPrivateKeyParameters(MLKEMParameters.ml_kem_768, c.hex("dk"));
                } catch (IllegalArgumentException e) {
                    softly.assertThat(c.invalid()).as(c + " key refused: " + e.getMessage()).isTrue();
                    softly.assertThat(c.hasFlag("IncorrectDecapsulationKeyLength")
                            || c.hasFlag("InvalidDecapsulationKey")).as(c.toString()).isTrue();
                    counts[1]++;
                    continue;
                }
                softly.assertThat(key.getPublicKey()).as(c.toString()).isEqualTo(c.hex("ek"));
                try {
                    byte[] secret = MlKem768.decapsulate(key, c.hex("c"));
                    softly.assertThat(c.valid()).as(c + " accepted").isTrue();
                    softly.assertThat(secret).as(c.toString()).isEqualTo(c.hex("K"));
                    counts[0]++;
                } catch (InvalidKeyException e) {
                    softly.assertThat(c.hasFlag("IncorrectCiphertextLength")).as(c + ": " + e.getMessage()).isTrue();
                    counts[2]++;
                }
            }
        });
        assertThat(counts).containsExactly(3, 4, 2);
    }

    /** Implicit rejection: a changed ciphertext decapsulates, without an error, to an unrelated secret. */
    @ParameterizedTest
    @MethodSource("implementations")
    void finish_tamperedCiphertextGivesAnotherSecret(KeyAgreement implementation) throws Exception {
        KeyShare initiator = implementation.generate();
        KeyAgreementResponse response = implementation.respond(initiator.publicBytes());
        byte[] tampered = response.message();
        tampered[500] ^= 0x01;

        byte[] secret = implementation.finish(initiator, tampered);

        assertThat(secret).hasSize(32).isNotEqualTo(response.sharedSecret())
                .isEqualTo(implementation.finish(initiator, tampered));
    }

    @Test
    void respond_modulusCheckNamedAsSuch() throws Exception {
        byte[] bad = unreduced(kem.generate().publicBytes(), 3329);

        assertThatThrownBy(() -> kem.respond(bad)).isInstanceOf(InvalidKeyException.class)
                .hasMessageContaining("modulus check (FIPS 203 section 7.2)");
    }

    /** The seed d || z is what the trace shows; KeyGen from it gives the same key pair again. */
    @Test
    void secretBytesForTrace_isTheSeed() throws Exception {
        KeyShare share = kem.generate();

        assertThat(MlKem768.decapsulationKey(share.secretBytesForTrace()).getPublicKey())
                .isEqualTo(share.publicBytes());
    }

    @Test
    void describe_sizesProviderAndSecurityNote() {
        assertThat(new int[] {kem.publicKeyLength(), kem.responseLength(), kem.sharedSecretLength()})
                .containsExactly(1184, 1088, 32);
        assertThat(kem.provider()).isEqualTo(JcaProviders.BOUNCY_CASTLE_NAME);
        assertThat(kem.description()).contains("FIPS 203", "post-quantum", "implicit rejection", "Java 24+");
    }

    /** On Java 17 to 23 the JDK has no ML-KEM, so there is no variant; on 24 and newer, the JDK's is one. */
    @Test
    void providerVariants_theJdksMlKemFromJava24() {
        List<KeyAgreement> variants = kem.providerVariants();
        if (Runtime.version().feature() < 24) {
            assertThat(variants).isEmpty();
        } else {
            assertThat(variants).extracting(KeyAgreement::provider).containsExactly("SunJCE");
        }
    }

    /** Run on Java 24+ only (e.g. JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64): the JDK's share is its own kind. */
    @Test
    void jdkVariant_refusesTheBouncyCastleShare() throws Exception {
        assumeThat(Runtime.version().feature()).isGreaterThanOrEqualTo(24);
        KeyAgreement jdk = kem.providerVariants().get(0);
        KeyShare bouncyCastle = kem.generate();
        byte[] ciphertext = jdk.respond(bouncyCastle.publicBytes()).message();

        assertThatThrownBy(() -> jdk.finish(bouncyCastle, ciphertext)).isInstanceOf(InvalidKeyException.class)
                .hasMessageContaining("another key agreement");
    }
}
