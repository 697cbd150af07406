package dev.blindrelay.p256;

import dev.blindrelay.spi.KeyAgreementResponse;
import dev.blindrelay.spi.KeyShare;
import dev.blindrelay.testing.RepoRoot;
import dev.blindrelay.testing.Wycheproof;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.security.InvalidKeyException;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class P256KeyAgreementTest {

    private final P256KeyAgreement ka = new P256KeyAgreement();

    /**
     * Every case of the raw-point file. Valid ones must give the expected x-coordinate; invalid ones must be
     * refused. The single acceptable case is a compressed point, which our policy refuses (uncompressed only).
     */
    @Test
    void agree_wycheproofEcpointVectors() {
        List<Wycheproof.Case> cases = Wycheproof.cases("ecdh_secp256r1_ecpoint_test.json");
        int[] valid = {0};
        int[] refused = {0};
        SoftAssertions.assertSoftly(softly -> {
            for (Wycheproof.Case c : cases) {
                BigInteger d = new BigInteger(c.text("private"), 16);
                byte[] peer = c.hex("public");
                if (c.valid()) {
                    try {
                        softly.assertThat(P256KeyAgreement.agree(d, peer)).as(c.toString()).isEqualTo(c.hex("shared"));
                    } catch (InvalidKeyException e) {
                        softly.fail(c + " refused: " + e.getMessage());
                    }
                    valid[0]++;
                } else {
                    if (!c.invalid()) {
                        softly.assertThat(c.hasFlag("CompressedPublic")).as(c.toString()).isTrue();
                    }
                    softly.assertThatThrownBy(() -> P256KeyAgreement.agree(d, peer)).as(c.toString())
                            .isInstanceOf(InvalidKeyException.class);
                    refused[0]++;
                }
            }
        });
        assertThat(cases).hasSize(355);
        assertThat(valid[0]).isEqualTo(330);
        assertThat(refused[0]).isEqualTo(24 + 1);
    }

    @Test
    void finish_matchesRespond() throws Exception {
        KeyShare initiator = ka.generate();
        KeyAgreementResponse response = ka.respond(initiator.publicBytes());

        byte[] secret = ka.finish(initiator, response.message());

        assertThat(secret).hasSize(32).isEqualTo(response.sharedSecret());
        assertThat(response.message()).hasSize(65).startsWith(0x04).isEqualTo(response.ownShare().publicBytes());
    }

    @Test
    void secretBytesForTrace_recomputesTheSecret() throws Exception {
        KeyShare initiator = ka.generate();
        KeyAgreementResponse response = ka.respond(initiator.publicBytes());

        byte[] scalar = initiator.secretBytesForTrace();

        assertThat(scalar).hasSize(32);
        assertThat(P256KeyAgreement.agree(new BigInteger(1, scalar), response.message()))
                .isEqualTo(response.sharedSecret());
    }

    @Test
    void generate_freshKeyEachTime() {
        assertThat(ka.generate().publicBytes()).isNotEqualTo(ka.generate().publicBytes());
    }

    @Test
    void destroy_wipesScalarAndBlocksFinish() throws Exception {
        KeyShare initiator = ka.generate();
        KeyAgreementResponse response = ka.respond(initiator.publicBytes());

        initiator.destroy();

        assertThat(initiator.secretBytesForTrace()).containsOnly(0);
        assertThatThrownBy(() -> ka.finish(initiator, response.message()))
                .isInstanceOf(InvalidKeyException.class).hasMessageContaining("destroyed");
    }

    @Test
    void respond_wrongLength() {
        byte[] good = ka.generate().publicBytes();
        assertThatThrownBy(() -> ka.respond(Arrays.copyOf(good, 64))).isInstanceOf(InvalidKeyException.class)
                .hasMessageContaining("65 bytes");
        assertThatThrownBy(() -> ka.respond(Arrays.copyOf(good, 66))).isInstanceOf(InvalidKeyException.class);
        assertThatThrownBy(() -> ka.respond(new byte[0])).isInstanceOf(InvalidKeyException.class);
    }

    @Test
    void respond_compressedPoint() {
        byte[] good = ka.generate().publicBytes();
        byte[] compressed = Arrays.copyOf(good, 33);
        compressed[0] = (byte) (2 + (good[64] & 1));

        assertThatThrownBy(() -> ka.respond(compressed)).isInstanceOf(InvalidKeyException.class)
                .hasMessageContaining("compressed points are not accepted");
    }

    @Test
    void respond_wrongPrefix() {
        byte[] hybrid = ka.generate().publicBytes();
        hybrid[0] = (byte) (6 + (hybrid[64] & 1)); // X9.62 "hybrid" encoding of the same, valid point

        assertThatThrownBy(() -> ka.respond(hybrid)).isInstanceOf(InvalidKeyException.class);
    }

    @Test
    void respond_offCurvePoint() {
        byte[] offCurve = ka.generate().publicBytes();
        offCurve[64] ^= 1;

        assertThatThrownBy(() -> ka.respond(offCurve)).isInstanceOf(InvalidKeyException.class)
                .hasMessageContaining("not a point on the curve");
    }

    @Test
    void respond_pointAtInfinity() {
        // SEC1 encodes infinity as the single byte 00; (0, 0) is how some libraries represent it in affine form.
        assertThatThrownBy(() -> ka.respond(new byte[] {0})).isInstanceOf(InvalidKeyException.class);
        byte[] zeros = new byte[65];
        zeros[0] = 0x04;
        assertThatThrownBy(() -> ka.respond(zeros)).isInstanceOf(InvalidKeyException.class);
    }

    @Test
    void finish_invalidResponderKey() {
        KeyShare initiator = ka.generate();
        byte[] offCurve = ka.generate().publicBytes();
        offCurve[40] ^= 0x10;

        assertThatThrownBy(() -> ka.finish(initiator, offCurve)).isInstanceOf(InvalidKeyException.class);
    }

    @Test
    void provider_namesTheBouncyCastleVersionOfThePom() throws IOException {
        String pom = Files.readString(RepoRoot.find().resolve("pom.xml"));
        Matcher version = Pattern.compile("<bouncycastle.version>([^<]+)</bouncycastle.version>").matcher(pom);

        assertThat(version.find()).isTrue();
        assertThat(ka.provider()).isEqualTo("BouncyCastle " + version.group(1));
    }
}
