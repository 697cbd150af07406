package dev.blindrelay.x25519;

import dev.blindrelay.spi.KeyAgreement;
import dev.blindrelay.spi.support.JcaProviders;
import dev.blindrelay.spi.KeyShare;
import dev.blindrelay.spi.support.DhKeyAgreement;
import dev.blindrelay.testing.Wycheproof;
import dev.blindrelay.testing.contract.KeyAgreementContract;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.security.InvalidKeyException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class X25519KeyAgreementTest extends KeyAgreementContract {

    /** Order 8, from the Wycheproof/libsodium low-order list: any private key maps it to zero. */
    private static final byte[] LOW_ORDER_POINT =
            HexFormat.of().parseHex("e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800");
    /** p - 1 = -1, order 2. */
    private static final byte[] MINUS_ONE =
            HexFormat.of().parseHex("ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f");
    /** p itself, a non-canonical encoding of 0. */
    private static final byte[] P =
            HexFormat.of().parseHex("edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f");

    private final X25519KeyAgreement ka = new X25519KeyAgreement();

    @Override
    protected KeyAgreement newPlugin() {
        return new X25519KeyAgreement();
    }

    /** Every one gives an all-zero secret with any private key. */
    @Override
    protected List<byte[]> invalidPublicKeys() {
        byte[] one = new byte[32];
        one[0] = 1;
        return List.of(new byte[32], one, LOW_ORDER_POINT, MINUS_ONE, P);
    }

    /**
     * Every case, on BouncyCastle and on the JDK. Policy (see the class comment): valid must match; acceptable
     * cases whose result is all zeros (flag ZeroSharedSecret: low-order points) must be refused; every other
     * acceptable case (twist, non-canonical u, ...) is accepted and must match.
     */
    @ParameterizedTest
    @MethodSource("implementations")
    void agree_wycheproofVectors(KeyAgreement implementation) {
        DhKeyAgreement dh = (DhKeyAgreement) implementation;
        List<Wycheproof.Case> cases = Wycheproof.cases("x25519_test.json");
        int[] counts = new int[3]; // valid, acceptable and matched, refused
        SoftAssertions.assertSoftly(softly -> {
            for (Wycheproof.Case c : cases) {
                byte[] privateKey = c.hex("private");
                byte[] peer = c.hex("public");
                if (c.hasFlag("ZeroSharedSecret")) {
                    softly.assertThatThrownBy(() -> dh.agree(privateKey, peer)).as(c.toString())
                            .isInstanceOf(InvalidKeyException.class).hasMessageContaining("low-order public key");
                    counts[2]++;
                    continue;
                }
                try {
                    softly.assertThat(dh.agree(privateKey, peer)).as(c.toString()).isEqualTo(c.hex("shared"));
                } catch (InvalidKeyException e) {
                    softly.fail(c + " refused: " + e.getMessage());
                }
                counts[c.valid() ? 0 : 1]++;
            }
        });
        assertThat(cases).hasSize(518);
        assertThat(counts).containsExactly(264, 223, 31);
    }

    @ParameterizedTest
    @MethodSource("implementations")
    void respond_wrongLengthNamesTheLength(KeyAgreement implementation) throws Exception {
        byte[] good = implementation.generate().publicBytes();

        assertThatThrownBy(() -> implementation.respond(Arrays.copyOf(good, 31)))
                .isInstanceOf(InvalidKeyException.class).hasMessageContaining("32 bytes");
    }

    @ParameterizedTest
    @MethodSource("implementations")
    void respond_lowOrderPointsNamedAsSuch(KeyAgreement implementation) {
        for (byte[] lowOrder : invalidPublicKeys()) {
            assertThatThrownBy(() -> implementation.respond(lowOrder)).isInstanceOf(InvalidKeyException.class)
                    .hasMessageContaining("low-order public key");
        }
    }

    @ParameterizedTest
    @MethodSource("implementations")
    void finish_lowOrderResponderKey(KeyAgreement implementation) throws Exception {
        KeyShare initiator = implementation.generate();

        assertThatThrownBy(() -> implementation.finish(initiator, LOW_ORDER_POINT))
                .isInstanceOf(InvalidKeyException.class).hasMessageContaining("low-order public key");
    }

    @Test
    void describe_securityNote() {
        assertThat(ka.description()).contains("Curve25519", "RFC 7748", "twist-secure", "not post-quantum");
    }

    @Test
    void providerVariants_jdkXdh() {
        assertThat(ka.providerVariants()).extracting(KeyAgreement::provider).containsExactly("SunEC");
    }

    @Test
    void provider_isBouncyCastle() {
        assertThat(ka.provider()).isEqualTo(JcaProviders.BOUNCY_CASTLE_NAME);
    }
}
