package dev.blindrelay.cli.compare;

import dev.blindrelay.cli.compare.ProviderComparison.ProviderRate;
import dev.blindrelay.registry.PluginRegistry;
import dev.blindrelay.spi.Aead;
import dev.blindrelay.spi.KeyAgreement;
import dev.blindrelay.suite.CipherSuite;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.spy;

class ProviderBenchmarkTest {

    private static final PluginRegistry REGISTRY = PluginRegistry.load();
    private static final ProviderBenchmark BENCHMARK = new ProviderBenchmark(new Workload(
            InMemoryHandshake.withFreshIdentities(), List.of(64, 1024), new TimeBox(Duration.ofMillis(10))));

    /** The suite's own figures, which the comparison takes over instead of measuring them again. */
    private static SuiteMeasurement measured(CipherSuite suite) {
        return new SuiteMeasurement(suite.id(), suite.id(), 1, 123, List.of(4.0, 5.0), new WireCost(1, 2, 3, 4, 5, 6),
                SuiteBenchmark.components(suite), new RatchetCost(1024, 1, 1, 1));
    }

    @Test
    void compare_sharedPrimitive_comparedOnce() throws Exception {
        CipherSuite p256 = REGISTRY.suite("p256-aesgcm");
        CipherSuite x25519Aes = REGISTRY.suite("X25519_HKDF-SHA256_AES-256-GCM");

        List<ProviderComparison> comparisons = BENCHMARK.compare(List.of(p256, x25519Aes),
                List.of(measured(p256), measured(x25519Aes)));

        assertThat(comparisons).extracting(ProviderComparison::primitive)
                .containsExactly("P256", "AES-256-GCM", "X25519");
        assertThat(comparisons.get(0).plugin().provider()).isEqualTo(p256.keyAgreement().provider());
        assertThat(comparisons.get(0).columns()).containsExactly("keygen", "respond", "finish", "keygen+respond+finish");
        assertThat(comparisons.get(1).plugin().values()).containsExactly(4.0, 5.0);
        assertThat(comparisons.get(1).columns()).containsExactly("64 B", "1 KiB");
    }

    @Test
    void compare_measuresEveryVariant() throws Exception {
        CipherSuite real = REGISTRY.suite("x25519-chacha");
        KeyAgreement otherKeyAgreement = spy(real.keyAgreement());
        doReturn("OtherKA").when(otherKeyAgreement).provider();
        KeyAgreement keyAgreement = spy(real.keyAgreement());
        doReturn(List.of(otherKeyAgreement)).when(keyAgreement).providerVariants();
        Aead otherAead = spy(real.aead());
        doReturn("OtherAEAD").when(otherAead).provider();
        Aead aead = spy(real.aead());
        doReturn(List.of(otherAead)).when(aead).providerVariants();
        CipherSuite suite = new CipherSuite(keyAgreement, real.kdf(), aead);

        List<ProviderComparison> comparisons = BENCHMARK.compare(List.of(suite), List.of(measured(suite)));

        assertThat(comparisons).hasSize(2);
        ProviderRate agreementVariant = comparisons.get(0).variants().get(0);
        assertThat(agreementVariant.provider()).isEqualTo("OtherKA");
        assertThat(agreementVariant.plugin()).isFalse();
        assertThat(agreementVariant.values()).hasSize(4).allSatisfy(rate -> assertThat(rate).isPositive());
        assertThat(agreementVariant.values().get(3)).isLessThan(agreementVariant.values().get(0));
        ProviderRate aeadVariant = comparisons.get(1).variants().get(0);
        assertThat(aeadVariant.provider()).isEqualTo("OtherAEAD");
        assertThat(aeadVariant.values()).hasSize(2).allSatisfy(rate -> assertThat(rate).isPositive());
        assertThat(comparisons.get(1).verdicts()).singleElement().asString()
                .startsWith("OtherAEAD CHACHA20-POLY1305 is ").endsWith(" here (at 1 KiB)");
    }

    /** The hybrid is followed by its components, in wire order: ML-KEM's own steps get their row. */
    @Test
    void compare_hybridThenItsComponents() throws Exception {
        CipherSuite pq = REGISTRY.suite("pq");

        List<ProviderComparison> comparisons = BENCHMARK.compare(List.of(pq), List.of(measured(pq)));

        assertThat(comparisons).extracting(ProviderComparison::primitive)
                .containsExactly("X25519MLKEM768", "MLKEM768", "X25519", "AES-256-GCM");
        ProviderComparison mlKem = comparisons.get(1);
        assertThat(mlKem.rates()).hasSize(1 + REGISTRY.keyAgreements().get("MLKEM768").providerVariants().size());
        assertThat(mlKem.plugin().values()).hasSize(4).allSatisfy(rate -> assertThat(rate).isPositive());
    }

    /** Whatever variants the suite modules offer today: every one is measured, every figure positive. */
    @Test
    void compare_registrySuites_oneRatePerProvider() throws Exception {
        List<CipherSuite> suites = REGISTRY.suites();

        List<ProviderComparison> comparisons = BENCHMARK.compare(suites,
                suites.stream().map(ProviderBenchmarkTest::measured).toList());

        for (CipherSuite suite : suites) {
            assertThat(comparisons).filteredOn(c -> c.primitive().equals(suite.keyAgreement().id())).singleElement()
                    .satisfies(c -> assertThat(c.rates()).hasSize(1 + suite.keyAgreement().providerVariants().size()));
            assertThat(comparisons).filteredOn(c -> c.primitive().equals(suite.aead().id())).singleElement()
                    .satisfies(c -> assertThat(c.rates()).hasSize(1 + suite.aead().providerVariants().size()));
        }
        comparisons.forEach(c -> c.rates().forEach(rate ->
                assertThat(rate.values()).allSatisfy(value -> assertThat(value).isPositive())));
    }
}
