package dev.blindrelay.suite;

import dev.blindrelay.kdf.HkdfSha256;
import dev.blindrelay.spi.Aead;
import dev.blindrelay.testing.suite.Aes128Gcm;
import dev.blindrelay.testing.suite.ShapeOnlyAead;
import dev.blindrelay.testing.suite.TestSuites;
import dev.blindrelay.testing.suite.X448KeyAgreement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CipherSuiteTest {

    /** An AEAD with a chosen nonce length; never used to encrypt. */
    private static Aead aeadWithNonce(int nonceLength, String id) {
        return new ShapeOnlyAead(id, nonceLength);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 4, 7})
    void constructor_nonceShorterThanCounterRejected(int nonceLength) {
        assertThatThrownBy(() -> new CipherSuite(new X448KeyAgreement(), new HkdfSha256(),
                aeadWithNonce(nonceLength, "SHORT-NONCE")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("SHORT-NONCE")
                .hasMessageContaining(nonceLength + "-byte nonce")
                .hasMessageContaining("at least 8");
    }

    @ParameterizedTest
    @ValueSource(ints = {8, 12, 24})
    void constructor_nonceOfAtLeastEightBytesAccepted(int nonceLength) {
        CipherSuite suite = new CipherSuite(new X448KeyAgreement(), new HkdfSha256(),
                aeadWithNonce(nonceLength, "LONG-NONCE"));
        assertThat(suite.aead().nonceLength()).isEqualTo(nonceLength);
    }

    @Test
    void id_builtFromComponentIds() {
        CipherSuite suite = TestSuites.x448Aes128();
        assertThat(suite.id()).isEqualTo("X448_HKDF-SHA256_AES-128-GCM");
        assertThat(suite.suiteId()).isEqualTo(new SuiteId("X448", "HKDF-SHA256", "AES-128-GCM"));
        assertThat(suite).hasToString(suite.id());
    }

    @Test
    void constructor_componentWithMalformedIdRejected() {
        assertThatThrownBy(() -> new CipherSuite(new X448KeyAgreement(), new HkdfSha256(),
                aeadWithNonce(12, "AES_128")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("AES_128");
    }

    @Test
    void constructor_nullComponentNamed() {
        assertThatThrownBy(() -> new CipherSuite(new X448KeyAgreement(), null, new Aes128Gcm()))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("kdf");
    }

    @Test
    void equals_bySuiteIdOnly() {
        assertThat(TestSuites.x448Aes128()).isEqualTo(TestSuites.x448Aes128())
                .hasSameHashCodeAs(TestSuites.x448Aes128())
                .isNotEqualTo(TestSuites.x448Aes128WithAeadId("AES-128-GCM-B"));
    }
}
