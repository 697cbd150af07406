package dev.blindrelay.cli.e2e;

import dev.blindrelay.handshake.HandshakeContext;
import dev.blindrelay.handshake.HandshakeException;
import dev.blindrelay.handshake.HandshakeInit;
import dev.blindrelay.handshake.HandshakeReject;
import dev.blindrelay.handshake.HandshakeResponse;
import dev.blindrelay.handshake.Initiator;
import dev.blindrelay.handshake.Responder;
import dev.blindrelay.identity.IdentityKeyPair;
import dev.blindrelay.relay.RelayObserver;
import dev.blindrelay.session.SecureSession;
import dev.blindrelay.suite.SuitePreference;
import dev.blindrelay.testing.ChatHarness;
import dev.blindrelay.testing.ChatHarness.Client;
import dev.blindrelay.trace.Tracer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.security.SecureRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Pairs of preference lists and what they negotiate, with the real suites (and the test-only X448 suite, which
 * arrives through this module's test META-INF/services): the first suite of the initiator's list that the
 * responder accepts, or a REJECT naming both lists.
 */
class NegotiationMatrixTest {

    private static final SecureRandom RANDOM = new SecureRandom();

    private static SuitePreference suites(String list) {
        return Plugins.REGISTRY.suiteResolver().resolveList(list.replace(' ', ','));
    }

    @ParameterizedTest(name = "[{0}] offered to [{1}] -> {2}")
    @CsvSource(delimiter = '|', value = {
            "pq x25519-chacha p256-aesgcm | p256-aesgcm x25519-chacha    | x25519-chacha",
            "pq x25519-chacha p256-aesgcm | pq                           | pq",
            "pq                           | x25519-chacha pq             | pq",
            "p256-aesgcm                  | pq x25519-chacha p256-aesgcm | p256-aesgcm",
            "x25519-chacha pq             | pq x25519-chacha             | x25519-chacha",
            "x448-aes128 pq               | pq x448-aes128               | x448-aes128",
            "pq x448-aes128               | x448-aes128                  | x448-aes128",
            "MLKEM768_HKDF-SHA256_AES-256-GCM pq | pq MLKEM768_HKDF-SHA256_AES-256-GCM | MLKEM768_HKDF-SHA256_AES-256-GCM",
    })
    void handshake_choosesTheFirstOfTheInitiatorsListThatTheResponderAccepts(String offered, String accepted,
                                                                            String expected) throws Exception {
        SuitePreference initiatorSuites = suites(offered);
        SuitePreference responderSuites = suites(accepted);
        Initiator initiator = Initiator.start(context(initiatorSuites, "Alice", "Bob"));
        HandshakeInit init = HandshakeInit.parse(initiator.message().encode());
        assertThat(init.offer()).isEqualTo(initiatorSuites.ids());
        assertThat(init.keyShares()).extracting(HandshakeInit.KeyShareEntry::keyAgreementId).doesNotHaveDuplicates()
                .containsExactlyElementsOf(initiatorSuites.suites().stream().map(s -> s.keyAgreement().id())
                        .distinct().toList());

        Responder responder = Responder.accept(context(responderSuites, "Bob", "Alice"), init);
        Initiator.Completed completed = initiator.receive(HandshakeResponse.parse(responder.message().encode()));
        SecureSession bobSession = responder.finish(completed.finish());

        String expectedId = Plugins.REGISTRY.suite(expected).id();
        assertThat(completed.session().suite().id()).isEqualTo(expectedId);
        assertThat(bobSession.suite().id()).isEqualTo(expectedId);
        assertThat(completed.session().safetyCode()).isEqualTo(bobSession.safetyCode());
    }

    @ParameterizedTest(name = "[{0}] offered to [{1}] -> REJECT")
    @CsvSource(delimiter = '|', value = {
            "pq x25519-chacha | p256-aesgcm",
            "x448-aes128      | pq x25519-chacha p256-aesgcm",
            "p256-aesgcm      | MLKEM768_HKDF-SHA256_AES-256-GCM",
    })
    void handshake_noCommonSuiteIsARejectNamingBothLists(String offered, String accepted) throws Exception {
        SuitePreference initiatorSuites = suites(offered);
        SuitePreference responderSuites = suites(accepted);
        HandshakeInit init = Initiator.start(context(initiatorSuites, "Alice", "Bob")).message();

        assertThatThrownBy(() -> Responder.accept(context(responderSuites, "Bob", "Alice"), init))
                .isInstanceOf(HandshakeException.class).hasMessageContaining("no suite in common")
                .hasMessageContaining(String.join(", ", initiatorSuites.ids()))
                .hasMessageContaining(String.join(", ", responderSuites.ids()))
                .satisfies(e -> {
                    HandshakeReject reject = ((HandshakeException) e).reject();
                    assertThat(reject.reason()).isEqualTo(HandshakeReject.SUITE_MISMATCH);
                    assertThat(reject.suites()).isEqualTo(String.join(",", responderSuites.ids()));
                    assertThat(reject.message()).contains(String.join(", ", initiatorSuites.ids()),
                            String.join(", ", responderSuites.ids()));
                });
    }

    /** Over real TCP, three members with three lists: each pair ends on its own suite, or on none. */
    @Test
    void room_eachPairOnItsOwnSuite_overTcp() throws Exception {
        try (ChatHarness relay = Plugins.relay("tcp", Plugins.REGISTRY.suite("pq"), RelayObserver.NONE)) {
            Client bob = relay.client("Bob").suites(suites("x25519-chacha")).join();
            Client carol = relay.client("Carol").suites(suites("pq")).join();
            Client alice = relay.client("Alice").suites(suites("pq x25519-chacha")).join();

            assertThat(alice.events().awaitSecured("Bob").suiteId()).isEqualTo("X25519_HKDF-SHA256_CHACHA20-POLY1305");
            assertThat(alice.events().awaitSecured("Carol").suiteId()).isEqualTo("X25519MLKEM768_HKDF-SHA256_AES-256-GCM");
            assertThat(carol.events().awaitWarningContaining("Bob refused the handshake"))
                    .contains("you offered X25519MLKEM768_HKDF-SHA256_AES-256-GCM",
                            "Bob accepts X25519_HKDF-SHA256_CHACHA20-POLY1305");
            alice.chat().send("hello both");
            bob.events().awaitMessage("Alice", "hello both");
            carol.events().awaitMessage("Alice", "hello both");
            assertThat(alice.chat().members().get("Carol")).isEqualTo("secure, suite X25519MLKEM768_HKDF-SHA256_AES-256-GCM");
            assertThat(bob.chat().members().get("Carol")).startsWith("no session: ");
        }
    }

    private static HandshakeContext context(SuitePreference suites, String self, String peer) {
        return new HandshakeContext(suites, IdentityKeyPair.generate(RANDOM), self, peer, "lobby", Tracer.NONE);
    }
}
