package dev.blindrelay.p256;

import dev.blindrelay.registry.PluginRegistry;
import dev.blindrelay.suite.CipherSuite;
import dev.blindrelay.testing.contract.SuiteContract;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class P256AesGcmSuiteTest {

    private final PluginRegistry registry = PluginRegistry.load();

    @Test
    void load_findsThePlugins() {
        assertThat(registry.failures()).isEmpty();
        assertThat(registry.keyAgreements().get("P256")).isInstanceOf(P256KeyAgreement.class);
        assertThat(registry.aeads().get("AES-256-GCM")).isInstanceOf(Aes256Gcm.class);
        assertThat(registry.namedSuites().get(CipherSuite.DEFAULT_ID)).isInstanceOf(P256AesGcmSuite.class);
    }

    @Test
    void suite_aliasResolvesToTheComponents() {
        CipherSuite suite = registry.suite("p256-aesgcm");

        assertThat(suite.id()).isEqualTo("P256_HKDF-SHA256_AES-256-GCM").isEqualTo(CipherSuite.DEFAULT_ID);
        assertThat(suite.keyAgreement()).isInstanceOf(P256KeyAgreement.class);
        assertThat(suite.kdf().id()).isEqualTo("HKDF-SHA256");
        assertThat(suite.aead()).isInstanceOf(Aes256Gcm.class);
        assertThat(registry.suite(CipherSuite.DEFAULT_ID)).isEqualTo(suite);
        assertThat(registry.suites()).contains(suite);
    }

    @Test
    void description_securityNote() {
        assertThat(registry.namedSuites().all()).allSatisfy(named -> assertThat(named.description()).isNotBlank()
                .isNotEqualTo(named.id()));
        assertThat(registry.namedSuites().get(CipherSuite.DEFAULT_ID).description())
                .contains("AES-256-GCM", "not post-quantum");
        assertThat(registry.kdfs().get("HKDF-SHA256").description()).contains("RFC 5869");
    }

    @Test
    void suite_componentsWorkTogether() throws Exception {
        SuiteContract.assertComponentsWorkTogether(registry.suite("p256-aesgcm"));
    }
}
