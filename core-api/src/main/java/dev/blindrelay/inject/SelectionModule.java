package dev.blindrelay.inject;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.blindrelay.registry.UnknownPluginException;
import dev.blindrelay.spi.Aead;
import dev.blindrelay.spi.Kdf;
import dev.blindrelay.spi.KeyAgreement;
import dev.blindrelay.spi.NamedSuite;
import dev.blindrelay.spi.Transport;
import dev.blindrelay.suite.CipherSuite;
import dev.blindrelay.suite.SuitePreference;
import dev.blindrelay.suite.SuiteResolver;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Binds what the user chose (a suite id or alias, transport ids) to the plugins that
 * {@link PluginModule} bound. Unknown ids fail with the list of available ones.
 */
public final class SelectionModule extends AbstractModule {

    private final String suite;
    private final List<String> transports;

    /**
     * @param suite      a suite id or alias, or an ordered comma-separated list of them (most preferred first)
     * @param transports transport ids; a client uses the first, a relay listens on all
     */
    public SelectionModule(String suite, List<String> transports) {
        this.suite = suite;
        this.transports = List.copyOf(transports);
    }

    @Provides
    @Singleton
    SuiteResolver suiteResolver(Map<String, KeyAgreement> keyAgreements, Map<String, Kdf> kdfs,
                                Map<String, Aead> aeads, Map<String, NamedSuite> namedSuites) {
        return new SuiteResolver(keyAgreements, kdfs, aeads, namedSuites);
    }

    @Provides
    @Singleton
    SuitePreference suitePreference(SuiteResolver resolver) {
        return resolver.resolveList(suite);
    }

    /** The most preferred suite, for what needs exactly one. */
    @Provides
    @Singleton
    CipherSuite cipherSuite(SuitePreference preference) {
        return preference.first();
    }

    @Provides
    @Singleton
    List<Transport> transports(Map<String, Transport> available) {
        List<Transport> chosen = new ArrayList<>();
        for (String id : transports) {
            Transport transport = available.get(id);
            if (transport == null) {
                throw new UnknownPluginException("transport", id, new java.util.TreeSet<>(available.keySet()));
            }
            chosen.add(transport);
        }
        return List.copyOf(chosen);
    }

    @Provides
    @Singleton
    Transport transport(List<Transport> chosen) {
        return chosen.get(0);
    }
}
