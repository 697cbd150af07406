package dev.blindrelay.x25519;

import dev.blindrelay.spi.Aead;
import dev.blindrelay.spi.AeadKey;
import dev.blindrelay.testing.Wycheproof;
import dev.blindrelay.testing.contract.AeadContract;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.security.InvalidAlgorithmParameterException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChaCha20Poly1305Test extends AeadContract {

    @Override
    protected Aead newPlugin() {
        return new ChaCha20Poly1305();
    }

    /** The RFC 8439 group (96-bit nonce), on SunJCE and on BouncyCastle. */
    @ParameterizedTest
    @MethodSource("implementations")
    void sealOpen_wycheproofVectors(Aead aead) {
        List<Wycheproof.Case> cases = Wycheproof.cases("chacha20_poly1305_test.json",
                group -> group.get("ivSize").asInt() == 96);

        int[] counts = checkWycheproof(aead, cases);

        assertThat(cases).hasSize(316);
        assertThat(counts).containsExactly(256, 60);
    }

    /** The groups with other nonce sizes (0 to 256 bits): both directions must refuse the nonce. */
    @ParameterizedTest
    @MethodSource("implementations")
    void sealOpen_wycheproofInvalidNonceSizes(Aead aead) throws Exception {
        List<Wycheproof.Case> cases = Wycheproof.cases("chacha20_poly1305_test.json",
                group -> group.get("ivSize").asInt() != 96);
        for (Wycheproof.Case c : cases) {
            assertThat(c.hasFlag("InvalidNonceSize")).as(c.toString()).isTrue();
            AeadKey key = aead.importKey(c.hex("key"));
            byte[] ctAndTag = concat(c.hex("ct"), c.hex("tag"));
            assertThatThrownBy(() -> aead.seal(key, c.hex("iv"), c.hex("msg"), c.hex("aad"))).as(c.toString())
                    .isInstanceOf(InvalidAlgorithmParameterException.class);
            assertThatThrownBy(() -> aead.open(key, c.hex("iv"), ctAndTag, c.hex("aad"))).as(c.toString())
                    .isInstanceOf(InvalidAlgorithmParameterException.class);
        }
        assertThat(cases).hasSize(9);
    }

    @Test
    void describe_lengthsProviderAndSecurityNote() {
        Aead aead = newPlugin();

        assertThat(aead.id()).isEqualTo("CHACHA20-POLY1305");
        assertThat(new int[] {aead.keyLength(), aead.nonceLength(), aead.tagLength()}).containsExactly(32, 12, 16);
        assertThat(aead.provider()).isEqualTo("SunJCE");
        assertThat(aead.description()).contains("RFC 8439", "without AES hardware", "nonce repeats");
    }

    @Test
    void providerVariants_bouncyCastle() {
        assertThat(newPlugin().providerVariants()).extracting(Aead::provider).containsExactly("BouncyCastle 1.87");
    }
}
