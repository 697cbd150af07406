package dev.blindrelay.p256;

import dev.blindrelay.spi.KeyAgreement;
import dev.blindrelay.spi.support.JcaProviders;
import dev.blindrelay.spi.support.DhKeyAgreement;
import dev.blindrelay.testing.Wycheproof;
import dev.blindrelay.testing.contract.KeyAgreementContract;
import org.assertj.core.api.SoftAssertions;
import org.bouncycastle.util.BigIntegers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigInteger;
import java.security.InvalidKeyException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class P256KeyAgreementTest extends KeyAgreementContract {

    /** The field prime of P-256: a coordinate equal to it is out of range. */
    private static final byte[] P =
            HexFormat.of().parseHex("ffffffff00000001000000000000000000000000ffffffffffffffffffffffff");

    private final P256KeyAgreement ka = new P256KeyAgreement();

    @Override
    protected KeyAgreement newPlugin() {
        return new P256KeyAgreement();
    }

    @Override
    protected List<byte[]> invalidPublicKeys() throws Exception {
        byte[] valid = ka.generate().publicBytes();
        byte[] offCurve = valid.clone();
        offCurve[64] ^= 1;
        byte[] zeros = new byte[65]; // (0, 0), how some libraries write the point at infinity in affine form
        zeros[0] = 0x04;
        byte[] hybrid = valid.clone(); // X9.62 "hybrid" encoding of the same, valid point
        hybrid[0] = (byte) (6 + (valid[64] & 1));
        byte[] xIsP = valid.clone();
        System.arraycopy(P, 0, xIsP, 1, 32);
        byte[] noPrefix = valid.clone();
        noPrefix[0] = 0;
        return List.of(offCurve, zeros, hybrid, xIsP, noPrefix);
    }

    /**
     * Every case of the raw-point file, on BouncyCastle and on SunEC. Valid ones must give the expected
     * x-coordinate; invalid ones must be refused. The single acceptable case is a compressed point, which
     * our policy refuses (uncompressed only).
     */
    @ParameterizedTest
    @MethodSource("implementations")
    void agree_wycheproofEcpointVectors(KeyAgreement implementation) {
        DhKeyAgreement dh = (DhKeyAgreement) implementation;
        List<Wycheproof.Case> cases = Wycheproof.cases("ecdh_secp256r1_ecpoint_test.json");
        int[] valid = {0};
        int[] refused = {0};
        SoftAssertions.assertSoftly(softly -> {
            for (Wycheproof.Case c : cases) {
                byte[] d = BigIntegers.asUnsignedByteArray(32, new BigInteger(c.text("private"), 16));
                byte[] peer = c.hex("public");
                if (c.valid()) {
                    try {
                        softly.assertThat(dh.agree(d, peer)).as(c.toString()).isEqualTo(c.hex("shared"));
                    } catch (InvalidKeyException e) {
                        softly.fail(c + " refused: " + e.getMessage());
                    }
                    valid[0]++;
                } else {
                    if (!c.invalid()) {
                        softly.assertThat(c.hasFlag("CompressedPublic")).as(c.toString()).isTrue();
                    }
                    softly.assertThatThrownBy(() -> dh.agree(d, peer)).as(c.toString())
                            .isInstanceOf(InvalidKeyException.class);
                    refused[0]++;
                }
            }
        });
        assertThat(cases).hasSize(355);
        assertThat(valid[0]).isEqualTo(330);
        assertThat(refused[0]).isEqualTo(24 + 1);
    }

    @ParameterizedTest
    @MethodSource("implementations")
    void respond_wrongLengthNamesTheEncoding(KeyAgreement implementation) throws Exception {
        byte[] good = implementation.generate().publicBytes();

        assertThat(good).hasSize(65).startsWith(0x04);
        assertThatThrownBy(() -> implementation.respond(Arrays.copyOf(good, 64)))
                .isInstanceOf(InvalidKeyException.class).hasMessageContaining("65 bytes");
    }

    @ParameterizedTest
    @MethodSource("implementations")
    void respond_compressedPoint(KeyAgreement implementation) throws Exception {
        byte[] good = implementation.generate().publicBytes();
        byte[] compressed = Arrays.copyOf(good, 33);
        compressed[0] = (byte) (2 + (good[64] & 1));

        assertThatThrownBy(() -> implementation.respond(compressed)).isInstanceOf(InvalidKeyException.class)
                .hasMessageContaining("compressed points are not accepted");
    }

    @ParameterizedTest
    @MethodSource("implementations")
    void respond_offCurvePoint(KeyAgreement implementation) throws Exception {
        byte[] offCurve = implementation.generate().publicBytes();
        offCurve[64] ^= 1;

        assertThatThrownBy(() -> implementation.respond(offCurve)).isInstanceOf(InvalidKeyException.class)
                .hasMessageContaining("point on the curve");
    }

    @Test
    void respond_pointAtInfinity() {
        // SEC1 encodes infinity as the single byte 00.
        assertThatThrownBy(() -> ka.respond(new byte[] {0})).isInstanceOf(InvalidKeyException.class);
    }

    @Test
    void describe_securityNote() {
        assertThat(ka.description()).contains("P-256", "128-bit", "not post-quantum");
    }

    @Test
    void providerVariants_sunEc() {
        assertThat(ka.providerVariants()).extracting(KeyAgreement::provider).containsExactly("SunEC");
    }

    @Test
    void provider_isBouncyCastle() {
        assertThat(ka.provider()).isEqualTo(JcaProviders.BOUNCY_CASTLE_NAME);
    }
}
