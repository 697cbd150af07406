package dev.blindrelay.cli.e2e;

import dev.blindrelay.identity.KnownPeers;
import dev.blindrelay.testing.ChatHarness;
import dev.blindrelay.testing.ChatHarness.Client;
import dev.blindrelay.testing.MitmRelay;
import dev.blindrelay.testing.RecordingListener.Secured;
import dev.blindrelay.testing.TestFrames;
import dev.blindrelay.wire.EnvelopeHeader;
import dev.blindrelay.wire.FrameType;
import dev.blindrelay.handshake.HandshakeInit;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A relay that swaps the handshake keys, over real TCP with the default suite. Each way it tries,
 * the clients notice: a signature or key-confirmation failure, a changed identity key, or different
 * safety codes.
 */
class ManInTheMiddleTest {

    @Test
    void naiveKeySwap_failsTheHandshake() throws Exception {
        try (ChatHarness relay = Plugins.relay("tcp")) {
            byte[] mallorysKey = relay.suite().keyAgreement().generate().publicBytes();
            relay.relay().intercept((to, frame) -> {
                EnvelopeHeader header = TestFrames.header(frame);
                if (header.type() != FrameType.HANDSHAKE_INIT) {
                    return List.of(frame);
                }
                HandshakeInit init = TestFrames.init(frame);
                HandshakeInit swapped = new HandshakeInit(init.version(), init.offer(), init.identityKey(),
                        List.of(new HandshakeInit.KeyShareEntry(init.keyShares().get(0).keyAgreementId(), mallorysKey)));
                return List.of(TestFrames.withBody(frame, swapped.encode()));
            });
            Client alice = relay.join("Alice");
            Client bob = relay.join("Bob");
            assertThat(bob.events().awaitWarningContaining("does not verify")).contains("Alice");
            assertThat(bob.events().secured()).isEmpty();
            assertThat(alice.events().secured()).isEmpty();
        }
    }

    @Test
    void fullMitmOnFirstContact_safetyCodesAndNumbersDiffer() throws Exception {
        try (ChatHarness relay = Plugins.relay("tcp")) {
            MitmRelay mallory = new MitmRelay(relay.suite());
            relay.relay().intercept(mallory);
            Client alice = relay.join("Alice");
            Client bob = relay.join("Bob");
            Secured aliceView = alice.events().awaitSecured("Bob");
            Secured bobView = bob.events().awaitSecured("Alice");

            assertThat(aliceView.safetyCode()).isNotEqualTo(bobView.safetyCode());
            assertThat(alice.chat().safetyNumber("Bob")).isNotEqualTo(bob.chat().safetyNumber("Alice"));
            assertThat(aliceView.trust()).isEqualTo(KnownPeers.Check.PINNED_NOW);
        }
    }

    @Test
    void fullMitmAfterKeysWerePinned_isAnIdentityMismatchAndNothingIsSent() throws Exception {
        try (ChatHarness relay = Plugins.relay("tcp")) {
            Client alice = relay.join("Alice");
            Client bob = relay.join("Bob");
            alice.events().awaitSecured("Bob");
            bob.events().awaitSecured("Alice");
            bob.close();
            alice.events().awaitPeerLeft("Bob");

            MitmRelay mallory = new MitmRelay(relay.suite());
            relay.relay().intercept(mallory);
            Client bobAgain = relay.client("Bob").identity(bob.identity()).knownPeers(bob.knownPeers()).join();
            assertThat(alice.events().awaitSecured("Bob", 2, Duration.ofSeconds(10)).trust())
                    .isEqualTo(KnownPeers.Check.MISMATCH);
            assertThat(bobAgain.events().awaitSecured("Alice").trust()).isEqualTo(KnownPeers.Check.MISMATCH);

            alice.chat().send("the secret plan");
            assertThat(alice.events().warnings()).anySatisfy(held -> assertThat(held).contains("/trust Bob"));
            assertThat(mallory.plaintexts()).doesNotContain("the secret plan");
        }
    }
}
