package dev.blindrelay.inject;

import com.google.inject.AbstractModule;
import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.ProvisionException;
import com.google.inject.TypeLiteral;
import com.google.inject.multibindings.MapBinder;
import com.google.inject.util.Modules;
import dev.blindrelay.kdf.HkdfSha256;
import dev.blindrelay.registry.PluginRegistry;
import dev.blindrelay.registry.Registry;
import dev.blindrelay.registry.UnknownPluginException;
import dev.blindrelay.spi.Aead;
import dev.blindrelay.spi.Kdf;
import dev.blindrelay.spi.KeyAgreement;
import dev.blindrelay.spi.NamedSuite;
import dev.blindrelay.spi.Transport;
import dev.blindrelay.suite.CipherSuite;
import dev.blindrelay.testing.LoopbackTransport;
import dev.blindrelay.testing.suite.Aes128Gcm;
import dev.blindrelay.testing.suite.TestSuites;
import dev.blindrelay.testing.suite.X448Aes128Suite;
import dev.blindrelay.testing.suite.X448KeyAgreement;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SelectionModuleTest {

    private static PluginRegistry registry() {
        return new PluginRegistry(Registry.<KeyAgreement>builder("key agreement").add(new X448KeyAgreement()).build(),
                Registry.<Kdf>builder("KDF").add(new HkdfSha256()).build(),
                Registry.<Aead>builder("AEAD").add(new Aes128Gcm()).build(),
                Registry.<Transport>builder("transport").add(new LoopbackTransport()).build(),
                Registry.<NamedSuite>builder("suite").add(new X448Aes128Suite()).build(), List.of());
    }

    @Test
    void cipherSuite_resolvedFromAliasThroughGuice() {
        Injector injector = Guice.createInjector(new PluginModule(registry()),
                new SelectionModule("x448-aes128", List.of("loopback")));
        CipherSuite suite = injector.getInstance(CipherSuite.class);
        assertThat(suite.id()).isEqualTo(X448Aes128Suite.ID);
        assertThat(injector.getInstance(Transport.class).id()).isEqualTo("loopback");
    }

    @Test
    void transports_unknownIdListsAvailable() {
        Injector injector = Guice.createInjector(new PluginModule(registry()),
                new SelectionModule("x448-aes128", List.of("carrier-pigeon")));
        assertThatThrownBy(() -> injector.getInstance(Transport.class))
                .isInstanceOf(ProvisionException.class)
                .hasRootCauseInstanceOf(UnknownPluginException.class)
                .rootCause().hasMessageContaining("carrier-pigeon").hasMessageContaining("available: loopback");
    }

    @Test
    void cipherSuite_unknownSuiteListsChoices() {
        Injector injector = Guice.createInjector(new PluginModule(registry()),
                new SelectionModule("p256-aesgcm", List.of("loopback")));
        assertThatThrownBy(() -> injector.getInstance(CipherSuite.class))
                .isInstanceOf(ProvisionException.class)
                .rootCause().isInstanceOf(UnknownPluginException.class)
                .hasMessageContaining("x448-aes128");
    }

    @Test
    void override_replacesOneComponentInEverySuite() {
        Aead replacement = TestSuites.x448Aes128WithAeadId("AES-128-GCM").aead();
        Injector injector = Guice.createInjector(Modules.override(new PluginModule(registry())).with(new AbstractModule() {
            @Override
            protected void configure() {
                bind(new TypeLiteral<Map<String, Aead>>() { }).toInstance(Map.of("AES-128-GCM", replacement));
            }
        }), new SelectionModule(X448Aes128Suite.ID, List.of("loopback")));
        assertThat(injector.getInstance(CipherSuite.class).aead()).isSameAs(replacement);
    }

    @Test
    void pluginModule_duplicateBindingWithoutOverrideFails() {
        assertThatThrownBy(() -> Guice.createInjector(new PluginModule(registry()), new AbstractModule() {
            @Override
            protected void configure() {
                MapBinder.newMapBinder(binder(), String.class, Aead.class).addBinding("AES-128-GCM")
                        .toInstance(new Aes128Gcm());
            }
        }, new SelectionModule("x448-aes128", List.of("loopback"))).getInstance(CipherSuite.class))
                .isInstanceOfAny(CreationException.class, ProvisionException.class);
    }
}
