package dev.blindrelay.x25519;

import dev.blindrelay.registry.PluginRegistry;
import dev.blindrelay.suite.CipherSuite;
import dev.blindrelay.testing.contract.SuiteContract;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class X25519ChaChaSuiteTest {

    private static final String ID = "X25519_HKDF-SHA256_CHACHA20-POLY1305";

    private final PluginRegistry registry = PluginRegistry.load();

    @Test
    void load_findsThePlugins() {
        assertThat(registry.failures()).isEmpty();
        assertThat(registry.keyAgreements().get("X25519")).isInstanceOf(X25519KeyAgreement.class);
        assertThat(registry.aeads().get("CHACHA20-POLY1305")).isInstanceOf(ChaCha20Poly1305.class);
        assertThat(registry.namedSuites().get(ID)).isInstanceOf(X25519ChaChaSuite.class);
    }

    @Test
    void suite_aliasResolvesToTheComponents() {
        CipherSuite suite = registry.suite("x25519-chacha");

        assertThat(suite.id()).isEqualTo(ID);
        assertThat(suite.keyAgreement()).isInstanceOf(X25519KeyAgreement.class);
        assertThat(suite.kdf().id()).isEqualTo("HKDF-SHA256");
        assertThat(suite.aead()).isInstanceOf(ChaCha20Poly1305.class);
        assertThat(registry.suite(ID)).isEqualTo(suite);
        assertThat(registry.suites()).contains(suite);
    }

    @Test
    void description_securityNote() {
        assertThat(registry.namedSuites().all()).allSatisfy(named -> assertThat(named.description()).isNotBlank()
                .isNotEqualTo(named.id()));
        assertThat(registry.namedSuites().get(ID).description()).contains("ChaCha20-Poly1305", "not post-quantum");
    }

    @Test
    void suite_componentsWorkTogether() throws Exception {
        SuiteContract.assertComponentsWorkTogether(registry.suite("x25519-chacha"));
    }
}
