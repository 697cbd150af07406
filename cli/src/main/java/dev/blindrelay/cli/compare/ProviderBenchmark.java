package dev.blindrelay.cli.compare;

import dev.blindrelay.cli.compare.ProviderComparison.ProviderRate;
import dev.blindrelay.spi.Aead;
import dev.blindrelay.spi.KeyAgreement;
import dev.blindrelay.suite.CipherSuite;

import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Measures each suite's key agreement and AEAD again through every other provider that offers it
 * ({@code providerVariants()}). The plugin's own figure is the one just measured for the suite, so
 * all providers of a primitive come from the same run and the same loop.
 */
final class ProviderBenchmark {

    private final Workload workload;

    ProviderBenchmark(Workload workload) {
        this.workload = workload;
    }

    /**
     * One comparison per distinct primitive, in suite order: two suites sharing an AEAD compare it once.
     *
     * @param measured the suites' own results, in the order of {@code suites}
     */
    List<ProviderComparison> compare(List<CipherSuite> suites, List<SuiteMeasurement> measured)
            throws GeneralSecurityException {
        List<ProviderComparison> comparisons = new ArrayList<>();
        Set<String> done = new HashSet<>();
        for (int i = 0; i < suites.size(); i++) {
            CipherSuite suite = suites.get(i);
            SuiteMeasurement own = measured.get(i);
            if (done.add("key agreement/" + suite.keyAgreement().id())) {
                comparisons.add(keyAgreement(suite.keyAgreement(), own.agreementsPerSecond()));
            }
            if (done.add("AEAD/" + suite.aead().id())) {
                comparisons.add(aead(suite, own.megabytesPerSecond()));
            }
        }
        return comparisons;
    }

    private ProviderComparison keyAgreement(KeyAgreement plugin, double pluginRate) throws GeneralSecurityException {
        List<ProviderRate> rates = new ArrayList<>();
        rates.add(new ProviderRate(plugin.provider(), true, List.of(pluginRate)));
        for (KeyAgreement variant : plugin.providerVariants()) {
            rates.add(new ProviderRate(variant.provider(), false,
                    List.of(Agreements.perSecond(variant, workload.box()))));
        }
        return new ProviderComparison("key agreement", plugin.id(), "key agreements/s",
                List.of("keygen+agree"), rates);
    }

    /** A variant AEAD runs in a suite of its own, through a real handshake and real sessions. */
    private ProviderComparison aead(CipherSuite suite, List<Double> pluginRates) throws GeneralSecurityException {
        Aead plugin = suite.aead();
        List<ProviderRate> rates = new ArrayList<>();
        rates.add(new ProviderRate(plugin.provider(), true, pluginRates));
        for (Aead variant : plugin.providerVariants()) {
            rates.add(new ProviderRate(variant.provider(), false,
                    workload.throughput(new CipherSuite(suite.keyAgreement(), suite.kdf(), variant))));
        }
        return new ProviderComparison("AEAD", plugin.id(), "MB/s", workload.sizes().stream().map(Units::size).toList(),
                rates);
    }
}
