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

    /** For a KEM, respond is encapsulation and finish is decapsulation. */
    static final List<String> KEY_AGREEMENT_COLUMNS = List.of("keygen", "respond", "finish", "keygen+respond+finish");
    static final String KEY_AGREEMENT_UNIT = "operations/s (a KEM's respond = encapsulate, finish = decapsulate)";

    private final Workload workload;

    ProviderBenchmark(Workload workload) {
        this.workload = workload;
    }

    /**
     * One comparison per distinct primitive, in suite order: two suites sharing an AEAD compare it once. A hybrid
     * key agreement is followed by each of its {@link KeyAgreement#components()}, so a KEM's own keygen,
     * encapsulation and decapsulation show.
     *
     * @param measured the suites' own results, in the order of {@code suites}
     */
    List<ProviderComparison> compare(List<CipherSuite> suites, List<SuiteMeasurement> measured)
            throws GeneralSecurityException {
        List<ProviderComparison> comparisons = new ArrayList<>();
        Set<String> done = new HashSet<>();
        for (int i = 0; i < suites.size(); i++) {
            CipherSuite suite = suites.get(i);
            if (done.add("key agreement/" + suite.keyAgreement().id())) {
                comparisons.add(keyAgreement(suite.keyAgreement()));
                for (KeyAgreement part : suite.keyAgreement().components()) {
                    if (done.add("key agreement/" + part.id())) {
                        comparisons.add(keyAgreement(part));
                    }
                }
            }
            if (done.add("AEAD/" + suite.aead().id())) {
                comparisons.add(aead(suite, measured.get(i).megabytesPerSecond()));
            }
        }
        return comparisons;
    }

    /** Each step per second through every provider, and the three together, which the verdict compares. */
    private ProviderComparison keyAgreement(KeyAgreement plugin) throws GeneralSecurityException {
        List<ProviderRate> rates = new ArrayList<>();
        rates.add(new ProviderRate(plugin.provider(), true, stepRates(plugin)));
        for (KeyAgreement variant : plugin.providerVariants()) {
            rates.add(new ProviderRate(variant.provider(), false, stepRates(variant)));
        }
        return new ProviderComparison("key agreement", plugin.id(), KEY_AGREEMENT_UNIT, KEY_AGREEMENT_COLUMNS, rates);
    }

    private List<Double> stepRates(KeyAgreement keyAgreement) throws GeneralSecurityException {
        List<Double> rates = new ArrayList<>(Agreements.stepsPerSecond(keyAgreement, workload.box()));
        rates.add(Agreements.together(rates));
        return rates;
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
