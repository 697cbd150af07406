package dev.blindrelay.registry;

import dev.blindrelay.spi.Aead;
import dev.blindrelay.spi.Kdf;
import dev.blindrelay.spi.KeyAgreement;
import dev.blindrelay.spi.NamedSuite;
import dev.blindrelay.spi.Plugin;
import dev.blindrelay.spi.Transport;
import dev.blindrelay.suite.CipherSuite;
import dev.blindrelay.suite.SuiteId;
import dev.blindrelay.suite.SuiteResolver;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * Every plugin found on the classpath, by kind. The one registry of the process: built once from
 * {@link ServiceLoader} (or from explicit lists in tests), immutable afterwards.
 */
public final class PluginRegistry {

    private final Registry<KeyAgreement> keyAgreements;
    private final Registry<Kdf> kdfs;
    private final Registry<Aead> aeads;
    private final Registry<Transport> transports;
    private final Registry<NamedSuite> namedSuites;
    private final List<PluginLoadFailure> failures;
    private final SuiteResolver suiteResolver;

    public PluginRegistry(Registry<KeyAgreement> keyAgreements, Registry<Kdf> kdfs, Registry<Aead> aeads,
                          Registry<Transport> transports, Registry<NamedSuite> namedSuites,
                          List<PluginLoadFailure> failures) {
        this.keyAgreements = keyAgreements;
        this.kdfs = kdfs;
        this.aeads = aeads;
        this.transports = transports;
        this.namedSuites = namedSuites;
        this.failures = List.copyOf(failures);
        for (NamedSuite named : namedSuites.all()) {
            SuiteId.parse(named.id()); // a plugin that declares a malformed id fails loudly, at startup
        }
        this.suiteResolver = new SuiteResolver(keyAgreements.asMap(), kdfs.asMap(), aeads.asMap(),
                namedSuites.asMap());
    }

    /** Discovers every plugin visible to {@code loader}. */
    public static PluginRegistry load(ClassLoader loader) {
        List<PluginLoadFailure> failures = new ArrayList<>();
        return new PluginRegistry(
                discover(KeyAgreement.class, "key agreement", loader, failures),
                discover(Kdf.class, "KDF", loader, failures),
                discover(Aead.class, "AEAD", loader, failures),
                discover(Transport.class, "transport", loader, failures),
                discover(NamedSuite.class, "suite", loader, failures),
                failures);
    }

    public static PluginRegistry load() {
        return load(PluginRegistry.class.getClassLoader());
    }

    /**
     * Loads each provider on its own, so one broken provider is reported with its class name and
     * does not take the others down (unlike SLF4J, nothing falls back silently).
     */
    private static <T extends Plugin> Registry<T> discover(Class<T> service, String kind, ClassLoader loader,
                                                           List<PluginLoadFailure> failures) {
        Registry.Builder<T> builder = Registry.builder(kind);
        Iterator<ServiceLoader.Provider<T>> providers = ServiceLoader.load(service, loader).stream().iterator();
        while (true) {
            ServiceLoader.Provider<T> provider;
            try {
                if (!providers.hasNext()) {
                    break;
                }
                provider = providers.next();
            } catch (ServiceConfigurationError e) {
                failures.add(new PluginLoadFailure(service, e.getMessage()));
                continue;
            }
            try {
                builder.add(provider.get());
            } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
                if (e instanceof DuplicatePluginException duplicate) {
                    throw duplicate;
                }
                failures.add(new PluginLoadFailure(service, provider.type().getName() + ": " + withCause(e)));
            }
        }
        return builder.build();
    }

    /** ServiceLoader says only "could not be instantiated": keep the constructor's own reason too. */
    private static String withCause(Throwable e) {
        Throwable cause = e.getCause();
        return cause == null ? e.toString() : e + " (caused by " + cause + ")";
    }

    public Registry<KeyAgreement> keyAgreements() {
        return keyAgreements;
    }

    public Registry<Kdf> kdfs() {
        return kdfs;
    }

    public Registry<Aead> aeads() {
        return aeads;
    }

    public Registry<Transport> transports() {
        return transports;
    }

    public Registry<NamedSuite> namedSuites() {
        return namedSuites;
    }

    public List<PluginLoadFailure> failures() {
        return failures;
    }

    /** Resolves suite ids and aliases from the components registered here. */
    public SuiteResolver suiteResolver() {
        return suiteResolver;
    }

    /** Named suites whose components are all present (a suite jar missing its dependency is left out). */
    public List<CipherSuite> suites() {
        return suiteResolver.namedSuites();
    }

    /**
     * Resolves a canonical suite id or an alias such as {@code x25519-chacha}.
     *
     * @throws UnknownPluginException listing the suites and aliases available
     */
    public CipherSuite suite(String idOrAlias) {
        return suiteResolver.resolve(idOrAlias);
    }
}
