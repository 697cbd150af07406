package dev.blindrelay.suite;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The suites one side accepts, most preferred first: what an initiator offers, and what a responder chooses
 * from. Immutable. A single suite is a preference of one, which is what a v1 configuration becomes.
 *
 * <p>The rule (PROTOCOL.md section 5): the responder takes the <em>first suite of the initiator's offer that
 * it accepts</em>. The initiator's order decides; the responder's order only says what it accepts.
 */
public final class SuitePreference {

    /** The wire carries the count in one byte; sixteen is more than anyone needs and keeps INIT small. */
    public static final int MAX_SUITES = 16;

    private final List<CipherSuite> suites;
    /** Made once: every handshake puts them on the wire and into its transcript. */
    private final List<String> ids;
    private final List<String> keyAgreementIds;

    private SuitePreference(List<CipherSuite> suites) {
        if (suites.isEmpty()) {
            throw new IllegalArgumentException("a suite preference needs at least one suite");
        }
        if (suites.size() > MAX_SUITES) {
            throw new IllegalArgumentException("at most " + MAX_SUITES + " suites can be offered, not "
                    + suites.size());
        }
        this.suites = List.copyOf(suites);
        this.ids = this.suites.stream().map(CipherSuite::id).toList();
        this.keyAgreementIds = this.suites.stream().map(suite -> suite.keyAgreement().id()).distinct().toList();
    }

    /** {@code suites} in order; a suite listed again (by id or alias) keeps its first place. */
    public static SuitePreference of(List<CipherSuite> suites) {
        Map<String, CipherSuite> unique = new LinkedHashMap<>();
        suites.forEach(suite -> unique.putIfAbsent(suite.id(), suite));
        return new SuitePreference(new ArrayList<>(unique.values()));
    }

    public static SuitePreference of(CipherSuite... suites) {
        return of(List.of(suites));
    }

    /** Most preferred first. */
    public List<CipherSuite> suites() {
        return suites;
    }

    public CipherSuite first() {
        return suites.get(0);
    }

    /** The canonical ids, in order: what goes on the wire. */
    public List<String> ids() {
        return ids;
    }

    /** The ids of the suites' key agreements, each once, in order: an initiator makes one key share for each. */
    public List<String> keyAgreementIds() {
        return keyAgreementIds;
    }

    /** Our suite with this id, if we accept it. */
    public Optional<CipherSuite> get(String id) {
        for (CipherSuite suite : suites) {
            if (suite.id().equals(id)) {
                return Optional.of(suite);
            }
        }
        return Optional.empty();
    }

    /** The negotiation rule: the first id of {@code offer} that this side accepts, or empty when none is. */
    public Optional<CipherSuite> chooseFrom(List<String> offer) {
        for (String id : offer) {
            Optional<CipherSuite> ours = get(id);
            if (ours.isPresent()) {
                return ours;
            }
        }
        return Optional.empty();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SuitePreference other && suites.equals(other.suites);
    }

    @Override
    public int hashCode() {
        return suites.hashCode();
    }

    /** The ids, comma-separated, as {@code --suite} takes them. */
    @Override
    public String toString() {
        return String.join(",", ids());
    }
}
