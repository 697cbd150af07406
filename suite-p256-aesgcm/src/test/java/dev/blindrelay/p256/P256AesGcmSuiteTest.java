package dev.blindrelay.p256;

import dev.blindrelay.registry.PluginRegistry;
import dev.blindrelay.spi.AeadKey;
import dev.blindrelay.spi.KeyAgreementResponse;
import dev.blindrelay.spi.KeyShare;
import dev.blindrelay.suite.CipherSuite;
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

    /** Both sides derive the same key from the agreement and one side opens what the other sealed. */
    @Test
    void suite_componentsWorkTogether() throws Exception {
        CipherSuite suite = registry.suite("p256-aesgcm");
        KeyShare initiator = suite.keyAgreement().generate();
        KeyAgreementResponse response = suite.keyAgreement().respond(initiator.publicBytes());
        byte[] initiatorSecret = suite.keyAgreement().finish(initiator, response.message());

        AeadKey sender = importDerived(suite, initiatorSecret);
        AeadKey receiver = importDerived(suite, response.sharedSecret());
        byte[] nonce = new byte[suite.aead().nonceLength()];
        byte[] sealed = suite.aead().seal(sender, nonce, "hello".getBytes(), new byte[0]);

        assertThat(suite.aead().open(receiver, nonce, sealed, new byte[0])).isEqualTo("hello".getBytes());
    }

    private static AeadKey importDerived(CipherSuite suite, byte[] secret) throws Exception {
        byte[] prk = suite.kdf().extract(new byte[0], secret);
        return suite.aead().importKey(suite.kdf().expand(prk, "test key".getBytes(), suite.aead().keyLength()));
    }
}
