package dev.blindrelay.p256;

import dev.blindrelay.spi.Aead;
import dev.blindrelay.testing.Wycheproof;
import dev.blindrelay.testing.contract.AeadContract;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class Aes256GcmTest extends AeadContract {

    @Override
    protected Aead newPlugin() {
        return new Aes256Gcm();
    }

    /** The AES-256 groups with our parameters (96-bit nonce, 128-bit tag), on SunJCE and on BouncyCastle. */
    @ParameterizedTest
    @MethodSource("implementations")
    void sealOpen_wycheproofVectors(Aead aead) {
        List<Wycheproof.Case> cases = Wycheproof.cases("aes_gcm_test.json", group -> group.get("keySize").asInt() == 256
                && group.get("ivSize").asInt() == 96 && group.get("tagSize").asInt() == 128);

        int[] counts = checkWycheproof(aead, cases);

        assertThat(cases).hasSize(66);
        assertThat(counts).containsExactly(39, 27);
    }

    @Test
    void describe_lengthsProviderAndSecurityNote() {
        Aead aead = newPlugin();

        assertThat(aead.id()).isEqualTo("AES-256-GCM");
        assertThat(new int[] {aead.keyLength(), aead.nonceLength(), aead.tagLength()}).containsExactly(32, 12, 16);
        assertThat(aead.provider()).isEqualTo("SunJCE");
        assertThat(aead.description()).contains("256-bit key", "96-bit nonce", "128-bit tag", "nonce repeats");
    }

    @Test
    void providerVariants_bouncyCastle() {
        assertThat(newPlugin().providerVariants()).extracting(Aead::provider).containsExactly("BouncyCastle 1.87");
    }
}
