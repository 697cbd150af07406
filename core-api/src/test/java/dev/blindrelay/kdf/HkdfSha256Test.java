package dev.blindrelay.kdf;

import dev.blindrelay.testing.Wycheproof;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

import java.security.GeneralSecurityException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class HkdfSha256Test {

    private final HkdfSha256 hkdf = new HkdfSha256();

    /** Valid: expand(extract(salt, ikm), info, size) == okm. Invalid (SizeTooLarge): expand refuses. */
    @Test
    void extractExpand_wycheproofVectors() {
        List<Wycheproof.Case> cases = Wycheproof.cases("hkdf_sha256_test.json");
        int[] counts = new int[2];
        SoftAssertions.assertSoftly(softly -> {
            for (Wycheproof.Case c : cases) {
                int size = c.test().get("size").asInt();
                try {
                    byte[] prk = hkdf.extract(c.hex("salt"), c.hex("ikm"));
                    if (c.valid()) {
                        softly.assertThat(hkdf.expand(prk, c.hex("info"), size)).as(c.toString())
                                .isEqualTo(c.hex("okm"));
                        counts[0]++;
                    } else {
                        softly.assertThat(c.hasFlag("SizeTooLarge")).as(c.toString()).isTrue();
                        softly.assertThatThrownBy(() -> hkdf.expand(prk, c.hex("info"), size)).as(c.toString())
                                .isInstanceOf(GeneralSecurityException.class);
                        counts[1]++;
                    }
                } catch (GeneralSecurityException e) {
                    softly.fail(c + " threw " + e);
                }
            }
        });
        assertThat(cases).hasSize(86);
        assertThat(counts).containsExactly(83, 3);
    }

    @Test
    void expand_maximumLengthIsAllowed() throws Exception {
        byte[] prk = hkdf.extract(new byte[0], new byte[32]);

        assertThat(hkdf.expand(prk, new byte[0], 255 * 32)).hasSize(255 * 32);
    }
}
