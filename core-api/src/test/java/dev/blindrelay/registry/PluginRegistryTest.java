package dev.blindrelay.registry;

import dev.blindrelay.kdf.HkdfSha256;
import dev.blindrelay.spi.Aead;
import dev.blindrelay.spi.Kdf;
import dev.blindrelay.spi.KeyAgreement;
import dev.blindrelay.spi.NamedSuite;
import dev.blindrelay.spi.Transport;
import dev.blindrelay.suite.CipherSuite;
import dev.blindrelay.testing.suite.Aes128Gcm;
import dev.blindrelay.testing.suite.TestSuites;
import dev.blindrelay.testing.suite.X448Aes128Suite;
import dev.blindrelay.testing.suite.X448KeyAgreement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

public class PluginRegistryTest {

    private static final String X448_ID = X448Aes128Suite.ID;

    /** A provider whose constructor fails: it must be reported, and must not stop the others. */
    public static final class ExplodingAead extends RegistryTest.Impostor {
        public ExplodingAead() {
            super("EXPLODING");
            throw new IllegalStateException("boom: native library missing");
        }
    }

    /** A second provider of an id that is already taken, found through ServiceLoader. */
    public static final class DuplicateAead extends RegistryTest.Impostor {
        public DuplicateAead() {
            super("AES-128-GCM");
        }
    }

    private static PluginRegistry registry(List<Aead> aeads, List<NamedSuite> suites) {
        Registry.Builder<Aead> aeadBuilder = Registry.builder("AEAD");
        aeads.forEach(aeadBuilder::add);
        Registry.Builder<NamedSuite> suiteBuilder = Registry.builder("suite");
        suites.forEach(suiteBuilder::add);
        return new PluginRegistry(Registry.<KeyAgreement>builder("key agreement").add(new X448KeyAgreement()).build(),
                Registry.<Kdf>builder("KDF").add(new HkdfSha256()).build(), aeadBuilder.build(),
                Registry.<Transport>builder("transport").build(), suiteBuilder.build(), List.of());
    }

    private static PluginRegistry standard() {
        return registry(List.of(new Aes128Gcm()), List.of(new X448Aes128Suite()));
    }

    /** A class loader that sees the test classes plus the given service files. */
    private static URLClassLoader withServices(Path dir, String service, String... lines) throws IOException {
        Path services = dir.resolve("META-INF/services");
        Files.createDirectories(services);
        Files.write(services.resolve(service), List.of(lines), StandardCharsets.UTF_8);
        return new URLClassLoader(new URL[] {dir.toUri().toURL()}, PluginRegistryTest.class.getClassLoader());
    }

    @Test
    void load_brokenProvidersReportedAndGoodOnesStillLoad(@TempDir Path dir) throws IOException {
        try (URLClassLoader loader = withServices(dir, Aead.class.getName(),
                "# a comment line",
                ExplodingAead.class.getName(),
                "com.example.DoesNotExist",
                Aes128Gcm.class.getName())) {
            PluginRegistry registry = PluginRegistry.load(loader);

            assertThat(registry.aeads().ids()).containsExactly("AES-128-GCM");
            assertThat(registry.kdfs().ids()).contains(HkdfSha256.ID);
            assertThat(registry.failures()).hasSize(2);
            assertThat(registry.failures()).allSatisfy(f -> assertThat(f.service()).isEqualTo(Aead.class));
            assertThat(registry.failures()).map(PluginLoadFailure::toString)
                    .anySatisfy(text -> assertThat(text).contains(ExplodingAead.class.getName()).contains("boom"))
                    .anySatisfy(text -> assertThat(text).contains("com.example.DoesNotExist"))
                    .allSatisfy(text -> assertThat(text).startsWith("could not load a Aead plugin: "));
        }
    }

    @Test
    void load_providerOfWrongTypeReported(@TempDir Path dir) throws IOException {
        try (URLClassLoader loader = withServices(dir, Aead.class.getName(),
                X448KeyAgreement.class.getName(), Aes128Gcm.class.getName())) {
            PluginRegistry registry = PluginRegistry.load(loader);

            assertThat(registry.aeads().ids()).containsExactly("AES-128-GCM");
            assertThat(registry.failures()).singleElement().asString().contains(X448KeyAgreement.class.getName());
        }
    }

    @Test
    void load_duplicateIdFailsNamingBothClasses(@TempDir Path dir) throws IOException {
        try (URLClassLoader loader = withServices(dir, Aead.class.getName(),
                Aes128Gcm.class.getName(), DuplicateAead.class.getName())) {
            assertThatThrownBy(() -> PluginRegistry.load(loader))
                    .isInstanceOf(DuplicatePluginException.class)
                    .hasMessageContaining(Aes128Gcm.class.getName())
                    .hasMessageContaining(DuplicateAead.class.getName());
        }
    }

    @Test
    void load_wholeSuiteFromServiceFiles(@TempDir Path dir) throws IOException {
        Path services = dir.resolve("META-INF/services");
        Files.createDirectories(services);
        Files.writeString(services.resolve(Aead.class.getName()), Aes128Gcm.class.getName() + "\n");
        Files.writeString(services.resolve(KeyAgreement.class.getName()), X448KeyAgreement.class.getName() + "\n");
        Files.writeString(services.resolve(NamedSuite.class.getName()), X448Aes128Suite.class.getName() + "\n");
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()},
                PluginRegistryTest.class.getClassLoader())) {
            PluginRegistry registry = PluginRegistry.load(loader);

            assertThat(registry.failures()).isEmpty();
            assertThat(registry.suites()).extracting(CipherSuite::id).containsExactly(X448_ID);
            assertThat(registry.suite("x448-aes128").aead()).isInstanceOf(Aes128Gcm.class);
        }
    }

    @Test
    void suite_byAliasAndByIdResolveTheSameComponents() {
        PluginRegistry registry = standard();
        CipherSuite byAlias = registry.suite("x448-aes128");
        CipherSuite byId = registry.suite(X448_ID);

        assertThat(byAlias).isEqualTo(byId);
        assertThat(byAlias.id()).isEqualTo(X448_ID);
        assertThat(byAlias.keyAgreement()).isSameAs(registry.keyAgreements().get("X448"));
        assertThat(byAlias.kdf()).isSameAs(registry.kdfs().get(HkdfSha256.ID));
        assertThat(byAlias.aead()).isSameAs(registry.aeads().get("AES-128-GCM"));
        assertThat(registry.suiteResolver().alias(byId)).isEqualTo("x448-aes128");
    }

    @Test
    void suite_anyCombinationOfRegisteredComponents() {
        Aead other = TestSuites.x448Aes128WithAeadId("AES-128-GCM-B").aead();
        PluginRegistry registry = registry(List.of(new Aes128Gcm(), other), List.of(new X448Aes128Suite()));

        CipherSuite unnamed = registry.suite("X448_HKDF-SHA256_AES-128-GCM-B");

        assertThat(unnamed.aead()).isSameAs(other);
        assertThat(registry.suiteResolver().alias(unnamed)).isEqualTo(unnamed.id());
        assertThat(registry.suites()).extracting(CipherSuite::id).containsExactly(X448_ID);
    }

    @Test
    void suite_unknownListsSuitesWithAliases() {
        PluginRegistry registry = registry(List.of(new Aes128Gcm()),
                List.of(new X448Aes128Suite(), TestSuites.named("P256_HKDF-SHA256_AES-256-GCM", "p256-aesgcm")));
        assertThatThrownBy(() -> registry.suite("x25519-chacha"))
                .isInstanceOf(UnknownPluginException.class)
                .hasMessageContaining("unknown suite 'x25519-chacha'")
                .hasMessageContaining("P256_HKDF-SHA256_AES-256-GCM (p256-aesgcm), " + X448_ID + " (x448-aes128)");
    }

    @Test
    void suite_wellFormedIdWithMissingComponentIsUnknown() {
        assertThatThrownBy(() -> standard().suite("X448_HKDF-SHA256_CHACHA20-POLY1305"))
                .isInstanceOf(UnknownPluginException.class)
                .hasMessageContaining("X448_HKDF-SHA256_CHACHA20-POLY1305")
                .hasMessageContaining(X448_ID + " (x448-aes128)");
    }

    @Test
    void suite_malformedIdIsUnknownWithChoices() {
        for (String malformed : new String[] {"", "x448_hkdf-sha256_aes-128-gcm", "X448_HKDF-SHA256",
                "X448__AES-128-GCM", "X448_HKDF-SHA256_AES-128-GCM_EXTRA"}) {
            assertThatThrownBy(() -> standard().suite(malformed)).as(malformed)
                    .isInstanceOf(UnknownPluginException.class)
                    .hasMessageContaining(X448_ID + " (x448-aes128)");
        }
    }

    @Test
    void suites_leaveOutNamedSuitesWithMissingComponents() {
        PluginRegistry registry = registry(List.of(new Aes128Gcm()),
                List.of(new X448Aes128Suite(), TestSuites.named("P256_HKDF-SHA256_AES-256-GCM", "p256-aesgcm")));
        assertThat(registry.suites()).extracting(CipherSuite::id).containsExactly(X448_ID);
        assertThat(registry.namedSuites().ids()).hasSize(2);
    }

    @Test
    void constructor_namedSuiteWithMalformedIdFailsAtStartup() {
        assertThatThrownBy(() -> registry(List.of(new Aes128Gcm()), List.of(TestSuites.named("x448_hkdf_aes", "bad"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("x448");
    }
}
