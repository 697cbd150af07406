package dev.blindrelay.cli.session;

import dev.blindrelay.handshake.HandshakeContext;
import dev.blindrelay.handshake.Initiator;
import dev.blindrelay.handshake.Responder;
import dev.blindrelay.identity.IdentityKeyPair;
import dev.blindrelay.registry.PluginRegistry;
import dev.blindrelay.session.SecureSession;
import dev.blindrelay.session.SessionKind;
import dev.blindrelay.session.SessionOptions;
import dev.blindrelay.suite.SuitePreference;
import dev.blindrelay.testing.CompromiseCheck;
import dev.blindrelay.trace.Tracer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.security.SecureRandom;
import java.time.Duration;

/**
 * The compromise simulation for every shipped suite, through real handshakes: a thief copies Bob's whole session
 * state after a message, keeps the recording of all traffic, and tries every key it copied. With the ratchet it
 * reads nothing from before the theft and nothing once Bob and then Alice have stepped; with static keys it reads
 * everything. {@link CompromiseCheck} fails if erasure or the key agreement's step is taken out of the ratchet.
 */
class CompromiseEverySuiteTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final PluginRegistry REGISTRY = PluginRegistry.load();

    private static SecureSession[] handshake(String suite, SessionOptions options) throws Exception {
        SuitePreference suites = REGISTRY.suiteResolver().resolveList(suite);
        Initiator initiator = Initiator.start(new HandshakeContext(suites, IdentityKeyPair.generate(RANDOM), "Alice",
                "Bob", "lobby", Tracer.NONE, options));
        Responder responder = Responder.accept(new HandshakeContext(suites, IdentityKeyPair.generate(RANDOM), "Bob",
                "Alice", "lobby", Tracer.NONE, options), initiator.message());
        Initiator.Completed completed = initiator.receive(responder.message());
        return new SecureSession[] {completed.session(), responder.finish(completed.finish())};
    }

    @ParameterizedTest
    @ValueSource(strings = {"p256-aesgcm", "x25519-chacha", "pq"})
    void ratchet_theThiefReadsOnlyBetweenTheTheftAndTheNextSteps(String suite) throws Exception {
        SecureSession[] pair = handshake(suite, SessionOptions.defaults().withStepInterval(Duration.ZERO));
        CompromiseCheck.ratchet(pair[0], pair[1]);
    }

    @ParameterizedTest
    @ValueSource(strings = {"p256-aesgcm", "x25519-chacha", "pq"})
    void staticKeys_theThiefReadsEverything(String suite) throws Exception {
        SecureSession[] pair = handshake(suite, SessionOptions.of(SessionKind.STATIC));
        CompromiseCheck.staticKeys(pair[0], pair[1]);
    }
}
