package dev.blindrelay.x25519mlkem768;

import dev.blindrelay.registry.PluginRegistry;
import dev.blindrelay.suite.CipherSuite;
import dev.blindrelay.testing.contract.SuiteContract;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class X25519MlKem768SuiteTest {

    private static final String ID = "X25519MLKEM768_HKDF-SHA256_AES-256-GCM";

    private final PluginRegistry registry = PluginRegistry.load();

    @Test
    void load_findsThePluginsOnce() {
        assertThat(registry.failures()).isEmpty();
        assertThat(registry.keyAgreements().get("X25519MLKEM768")).isInstanceOf(X25519MlKem768.class);
        assertThat(registry.keyAgreements().get("MLKEM768")).isInstanceOf(MlKem768.class);
        assertThat(registry.namedSuites().get(ID)).isInstanceOf(X25519MlKem768Suite.class);
    }

    @Test
    void suite_aliasPqResolvesToTheComponents() {
        CipherSuite suite = registry.suite("pq");

        assertThat(suite.id()).isEqualTo(ID);
        assertThat(suite.keyAgreement()).isInstanceOf(X25519MlKem768.class);
        assertThat(suite.kdf().id()).isEqualTo("HKDF-SHA256");
        assertThat(suite.aead().id()).isEqualTo("AES-256-GCM");
        assertThat(registry.suite(ID)).isEqualTo(suite);
        assertThat(registry.suites()).contains(suite);
        assertThat(registry.suiteResolver().alias(suite)).isEqualTo("pq");
    }

    @Test
    void description_securityNote() {
        assertThat(registry.namedSuites().get(ID).description()).contains("post-quantum", "either holds");
    }

    @Test
    void suite_componentsWorkTogether() throws Exception {
        SuiteContract.assertComponentsWorkTogether(registry.suite("pq"));
    }

    /** Built from ML-KEM alone by id, as any combination of registered components can be. */
    @Test
    void suite_pureMlKemByComponentIds() throws Exception {
        SuiteContract.assertComponentsWorkTogether(registry.suite("MLKEM768_HKDF-SHA256_AES-256-GCM"));
    }
}
