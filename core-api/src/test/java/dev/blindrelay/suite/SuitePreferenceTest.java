package dev.blindrelay.suite;

import dev.blindrelay.kdf.HkdfSha256;
import dev.blindrelay.registry.UnknownPluginException;
import dev.blindrelay.testing.suite.Aes128Gcm;
import dev.blindrelay.testing.suite.TestSuites;
import dev.blindrelay.testing.suite.X448KeyAgreement;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SuitePreferenceTest {

    private static final CipherSuite A = TestSuites.x448Aes128();
    private static final CipherSuite B = TestSuites.x448Aes128WithAeadId("AES-128-GCM-B");
    private static final CipherSuite C = TestSuites.x448Aes128WithAeadId("AES-128-GCM-C");

    @Test
    void chooseFrom_theFirstOfTheOfferThatIsAccepted_whateverOurOrder() {
        SuitePreference ours = SuitePreference.of(C, B);

        assertThat(ours.chooseFrom(List.of(A.id(), B.id(), C.id()))).hasValue(B);
        assertThat(ours.chooseFrom(List.of(C.id(), B.id()))).hasValue(C);
        assertThat(ours.chooseFrom(List.of(A.id(), "NOT_A_SUITE"))).isEmpty();
    }

    @Test
    void of_keepsOrderAndTheFirstPlaceOfARepeat() {
        SuitePreference preference = SuitePreference.of(B, A, B);

        assertThat(preference.ids()).containsExactly(B.id(), A.id());
        assertThat(preference.first()).isEqualTo(B);
        assertThat(preference).hasToString(B.id() + "," + A.id());
    }

    @Test
    void of_emptyOrTooLongRefused() {
        assertThatThrownBy(() -> SuitePreference.of(List.of())).hasMessageContaining("at least one suite");
        List<CipherSuite> seventeen = IntStream.range(0, 17).mapToObj(i -> TestSuites.x448Aes128WithAeadId("A" + i))
                .toList();
        assertThatThrownBy(() -> SuitePreference.of(seventeen)).hasMessageContaining("at most 16");
    }

    @Test
    void resolveList_idsAndAliasesInOrder_blanksIgnored() {
        SuiteResolver resolver = new SuiteResolver(Map.of("X448", new X448KeyAgreement()),
                Map.of("HKDF-SHA256", new HkdfSha256()), Map.of("AES-128-GCM", new Aes128Gcm()),
                Map.of(A.id(), TestSuites.named(A.id(), "x448")));

        assertThat(resolver.resolveList(" x448 ").ids()).containsExactly(A.id());
        assertThat(resolver.resolveList("x448, " + A.id()).ids()).containsExactly(A.id());
        assertThatThrownBy(() -> resolver.resolveList("x448,")).hasMessageContaining("empty entry");
        assertThatThrownBy(() -> resolver.resolveList("x448,rot13")).isInstanceOf(UnknownPluginException.class)
                .hasMessageContaining("rot13");
    }
}
