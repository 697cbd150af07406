package dev.blindrelay.suite;

import dev.blindrelay.registry.UnknownPluginException;
import dev.blindrelay.spi.Aead;
import dev.blindrelay.spi.Kdf;
import dev.blindrelay.spi.KeyAgreement;
import dev.blindrelay.spi.NamedSuite;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns a suite id or alias into a {@link CipherSuite} from components by id. Shared by the registry
 * and the Guice wiring, so a test that overrides one component in Guice gets it in every suite.
 */
public final class SuiteResolver {

    private final Map<String, KeyAgreement> keyAgreements;
    private final Map<String, Kdf> kdfs;
    private final Map<String, Aead> aeads;
    private final Map<String, NamedSuite> namedSuites;

    public SuiteResolver(Map<String, KeyAgreement> keyAgreements, Map<String, Kdf> kdfs, Map<String, Aead> aeads,
                         Map<String, NamedSuite> namedSuites) {
        this.keyAgreements = Map.copyOf(keyAgreements);
        this.kdfs = Map.copyOf(kdfs);
        this.aeads = Map.copyOf(aeads);
        this.namedSuites = Map.copyOf(namedSuites);
    }

    /**
     * Resolves a canonical id such as {@code P256_HKDF-SHA256_AES-256-GCM} or an alias such as
     * {@code p256-aesgcm}. Any combination of registered components is a valid suite.
     *
     * @throws UnknownPluginException listing the named suites and their aliases
     */
    public CipherSuite resolve(String idOrAlias) {
        for (NamedSuite named : namedSuites.values()) {
            if (named.alias().equals(idOrAlias)) {
                return compose(SuiteId.parse(named.id()), idOrAlias);
            }
        }
        SuiteId id;
        try {
            id = SuiteId.parse(idOrAlias);
        } catch (IllegalArgumentException e) {
            throw new UnknownPluginException("suite", idOrAlias, choices());
        }
        return compose(id, idOrAlias);
    }

    /**
     * Resolves an ordered, comma-separated list such as {@code pq,x25519-chacha,p256-aesgcm} (a single id or
     * alias is a list of one). Blanks around the commas are ignored; a suite named twice keeps its first place.
     *
     * @throws UnknownPluginException for the first unknown entry, listing the suites there are
     * @throws IllegalArgumentException for an empty entry or more than {@link SuitePreference#MAX_SUITES}
     */
    public SuitePreference resolveList(String commaSeparated) {
        List<CipherSuite> suites = new ArrayList<>();
        for (String entry : commaSeparated.split(",", -1)) {
            String idOrAlias = entry.strip();
            if (idOrAlias.isEmpty()) {
                throw new IllegalArgumentException("empty entry in the suite list '" + commaSeparated
                        + "'; separate suite ids or aliases with single commas, e.g. pq,x25519-chacha");
            }
            suites.add(resolve(idOrAlias));
        }
        return SuitePreference.of(suites);
    }

    /** The named suites whose components are all present, sorted by id. */
    public List<CipherSuite> namedSuites() {
        List<CipherSuite> suites = new ArrayList<>();
        namedSuites.values().stream().map(named -> SuiteId.parse(named.id())).sorted(
                        java.util.Comparator.comparing(SuiteId::toString))
                .filter(id -> keyAgreements.containsKey(id.keyAgreement()) && kdfs.containsKey(id.kdf())
                        && aeads.containsKey(id.aead()))
                .forEach(id -> suites.add(compose(id, id.toString())));
        return suites;
    }

    /** The alias of a suite, or its id when it has none. */
    public String alias(CipherSuite suite) {
        NamedSuite named = namedSuites.get(suite.id());
        return named == null ? suite.id() : named.alias();
    }

    private CipherSuite compose(SuiteId id, String asked) {
        KeyAgreement keyAgreement = keyAgreements.get(id.keyAgreement());
        Kdf kdf = kdfs.get(id.kdf());
        Aead aead = aeads.get(id.aead());
        if (keyAgreement == null || kdf == null || aead == null) {
            throw new UnknownPluginException("suite", asked, choices());
        }
        return new CipherSuite(keyAgreement, kdf, aead);
    }

    private List<String> choices() {
        List<String> choices = new ArrayList<>();
        namedSuites.values().stream().sorted(java.util.Comparator.comparing(NamedSuite::id))
                .forEach(named -> choices.add(named.id() + " (" + named.alias() + ")"));
        return choices;
    }
}
