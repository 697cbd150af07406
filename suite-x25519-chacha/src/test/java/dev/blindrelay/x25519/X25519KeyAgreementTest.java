package dev.blindrelay.x25519;

import dev.blindrelay.spi.KeyAgreementResponse;
import dev.blindrelay.spi.KeyShare;
import dev.blindrelay.testing.RepoRoot;
import dev.blindrelay.testing.Wycheproof;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.security.InvalidKeyException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class X25519KeyAgreementTest {

    /** Order 8, from the Wycheproof/libsodium low-order list: any private key maps it to zero. */
    private static final byte[] LOW_ORDER_POINT =
            HexFormat.of().parseHex("e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800");

    private final X25519KeyAgreement ka = new X25519KeyAgreement();

    /**
     * Every case. Policy (see the class comment): valid must match; acceptable cases whose result is all
     * zeros (flag ZeroSharedSecret: low-order points) must be refused; every other acceptable case (twist,
     * non-canonical u, ...) is accepted and must match.
     */
    @Test
    void agree_wycheproofVectors() {
        List<Wycheproof.Case> cases = Wycheproof.cases("x25519_test.json");
        int[] counts = new int[3]; // valid, acceptable and matched, refused
        SoftAssertions.assertSoftly(softly -> {
            for (Wycheproof.Case c : cases) {
                byte[] privateKey = c.hex("private");
                byte[] peer = c.hex("public");
                if (c.hasFlag("ZeroSharedSecret")) {
                    softly.assertThatThrownBy(() -> X25519KeyAgreement.agree(privateKey, peer)).as(c.toString())
                            .isInstanceOf(InvalidKeyException.class).hasMessageContaining("low-order public key");
                    counts[2]++;
                    continue;
                }
                try {
                    softly.assertThat(X25519KeyAgreement.agree(privateKey, peer)).as(c.toString())
                            .isEqualTo(c.hex("shared"));
                } catch (InvalidKeyException e) {
                    softly.fail(c + " refused: " + e.getMessage());
                }
                counts[c.valid() ? 0 : 1]++;
            }
        });
        assertThat(cases).hasSize(518);
        assertThat(counts).containsExactly(264, 223, 31);
    }

    @Test
    void finish_matchesRespond() throws Exception {
        KeyShare initiator = ka.generate();
        KeyAgreementResponse response = ka.respond(initiator.publicBytes());

        byte[] secret = ka.finish(initiator, response.message());

        assertThat(secret).hasSize(32).isEqualTo(response.sharedSecret());
        assertThat(response.message()).hasSize(32).isEqualTo(response.ownShare().publicBytes());
    }

    @Test
    void secretBytesForTrace_recomputesTheSecret() throws Exception {
        KeyShare initiator = ka.generate();
        KeyAgreementResponse response = ka.respond(initiator.publicBytes());

        byte[] privateKey = initiator.secretBytesForTrace();

        assertThat(privateKey).hasSize(32);
        assertThat(X25519KeyAgreement.agree(privateKey, response.message())).isEqualTo(response.sharedSecret());
    }

    @Test
    void generate_freshKeyEachTime() {
        assertThat(ka.generate().publicBytes()).isNotEqualTo(ka.generate().publicBytes());
    }

    @Test
    void destroy_wipesPrivateKeyAndBlocksFinish() throws Exception {
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
        assertThatThrownBy(() -> ka.respond(Arrays.copyOf(good, 31))).isInstanceOf(InvalidKeyException.class)
                .hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> ka.respond(Arrays.copyOf(good, 33))).isInstanceOf(InvalidKeyException.class);
        assertThatThrownBy(() -> ka.respond(new byte[0])).isInstanceOf(InvalidKeyException.class);
    }

    @Test
    void respond_lowOrderPoints() {
        byte[] one = new byte[32];
        one[0] = 1;
        for (byte[] lowOrder : new byte[][] {new byte[32], one, LOW_ORDER_POINT}) {
            assertThatThrownBy(() -> ka.respond(lowOrder)).isInstanceOf(InvalidKeyException.class)
                    .hasMessageContaining("low-order public key");
        }
    }

    @Test
    void finish_lowOrderResponderKey() {
        KeyShare initiator = ka.generate();

        assertThatThrownBy(() -> ka.finish(initiator, LOW_ORDER_POINT)).isInstanceOf(InvalidKeyException.class);
    }

    @Test
    void provider_namesTheBouncyCastleVersionOfThePom() throws IOException {
        String pom = Files.readString(RepoRoot.find().resolve("pom.xml"));
        Matcher version = Pattern.compile("<bouncycastle.version>([^<]+)</bouncycastle.version>").matcher(pom);

        assertThat(version.find()).isTrue();
        assertThat(ka.provider()).isEqualTo("BouncyCastle " + version.group(1));
    }
}
