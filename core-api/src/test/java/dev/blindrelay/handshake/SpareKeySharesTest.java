package dev.blindrelay.handshake;

import dev.blindrelay.identity.IdentityKeyPair;
import dev.blindrelay.spi.KeyAgreement;
import dev.blindrelay.spi.KeyShare;
import dev.blindrelay.suite.CipherSuite;
import dev.blindrelay.testing.suite.TestSuites;
import dev.blindrelay.trace.Tracer;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Spare key shares: made ahead, handed out once, destroyed when unused at close. */
class SpareKeySharesTest {

    private final KeyAgreement keyAgreement = TestSuites.x448Aes128().keyAgreement();
    /** Runs background work when the test says so. */
    private final List<Runnable> background = new ArrayList<>();
    private final SpareKeyShares spares = new SpareKeyShares(background::add);

    private void runBackground() {
        List<Runnable> due = new ArrayList<>(background);
        background.clear();
        due.forEach(Runnable::run);
    }

    @Test
    void preparedShare_isHandedOutOnce_thenFreshOnesAreMadeOnTheSpot() throws Exception {
        spares.prepareInitiator(keyAgreement);
        runBackground();
        spares.prepareInitiator(keyAgreement); // one is spare already: nothing more to make
        assertThat(background).isEmpty();

        KeyShare first = spares.initiatorShare(keyAgreement);
        KeyShare second = spares.initiatorShare(keyAgreement);

        assertThat(first.publicBytes()).isNotEqualTo(second.publicBytes());
        byte[] secret = keyAgreement.finish(first, second.publicBytes());
        assertThat(secret).isEqualTo(keyAgreement.finish(second, first.publicBytes()));
    }

    @Test
    void responseShare_preparedAhead_servesOneAnswer() throws Exception {
        spares.prepareResponse(keyAgreement);
        assertThat(background).hasSize(1);
        runBackground();
        KeyShare initiator = keyAgreement.generate();

        KeyShare response = spares.responseShare(keyAgreement);
        KeyShare another = spares.responseShare(keyAgreement);

        assertThat(response.publicBytes()).isNotEqualTo(another.publicBytes());
        assertThat(keyAgreement.finish(response, initiator.publicBytes()))
                .isEqualTo(keyAgreement.finish(initiator, response.publicBytes()));
    }

    @Test
    void shareTakenBeforeTheBackgroundMadeIt_isMadeOnceByTheTaker() throws Exception {
        spares.prepareInitiator(keyAgreement);
        KeyShare taken = spares.initiatorShare(keyAgreement); // the background has not run yet

        runBackground(); // finds it made already: nothing more

        KeyShare next = spares.initiatorShare(keyAgreement);
        assertThat(taken.publicBytes()).isNotEqualTo(next.publicBytes());
    }

    @Test
    void close_destroysTheSpares_andOnesStillBeingMade() throws Exception {
        spares.prepareInitiator(keyAgreement);
        runBackground();
        spares.prepareResponse(keyAgreement);
        KeyShare peer = keyAgreement.generate();

        spares.close();
        runBackground(); // finished after close: destroyed too
        spares.prepareInitiator(keyAgreement);

        assertThat(background).as("nothing is made once closed").isEmpty();
        KeyShare fresh = spares.initiatorShare(keyAgreement);
        assertThat(keyAgreement.finish(fresh, peer.publicBytes())).hasSize(keyAgreement.sharedSecretLength());
    }

    @Test
    void handshake_withSpares_securesBothSides() throws Exception {
        CipherSuite suite = TestSuites.x448Aes128();
        HandshakeContext alice = new HandshakeContext(suite, IdentityKeyPair.generate(new SecureRandom()), "Alice",
                "Bob", "lobby", Tracer.NONE);
        HandshakeContext bob = new HandshakeContext(suite, IdentityKeyPair.generate(new SecureRandom()), "Bob",
                "Alice", "lobby", Tracer.NONE);
        spares.prepareInitiator(keyAgreement);
        spares.prepareResponse(keyAgreement);
        runBackground();

        Initiator initiator = Initiator.start(alice, spares);
        Responder responder = Responder.accept(bob, initiator.message(), spares);
        Initiator.Completed completed = initiator.receive(responder.message());

        assertThat(responder.finish(completed.finish()).safetyCode()).isEqualTo(completed.session().safetyCode());
        assertThat(initiator.message().keyShare(keyAgreement.id()).orElseThrow())
                .as("a spare was used, and handed out once").isNotEqualTo(
                        spares.initiatorShare(keyAgreement).publicBytes());
    }
}
