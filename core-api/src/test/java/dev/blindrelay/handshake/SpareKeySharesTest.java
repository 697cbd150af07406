package dev.blindrelay.handshake;

import dev.blindrelay.identity.IdentityKeyPair;
import dev.blindrelay.spi.KeyAgreement;
import dev.blindrelay.spi.KeyShare;
import dev.blindrelay.suite.CipherSuite;
import dev.blindrelay.testing.suite.RecordingKeyAgreement;
import dev.blindrelay.testing.suite.TestSuites;
import dev.blindrelay.trace.Tracer;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Spare key shares: made ahead, handed out once, destroyed when unused at close. */
class SpareKeySharesTest {

    private final RecordingKeyAgreement keyAgreement = new RecordingKeyAgreement();
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
        assertThat(keyAgreement.made).hasSize(1);

        KeyShare first = spares.initiatorShare(keyAgreement);
        KeyShare second = spares.initiatorShare(keyAgreement);

        assertThat(first).as("the spare made ahead").isSameAs(keyAgreement.made.get(0));
        assertThat(second).as("made on the spot").isSameAs(keyAgreement.made.get(1));
        assertThat(keyAgreement.finish(first, second.publicBytes()))
                .isEqualTo(keyAgreement.finish(second, first.publicBytes()));
    }

    @Test
    void responseShare_preparedAhead_servesOneAnswer() throws Exception {
        spares.prepareResponse(keyAgreement);
        assertThat(background).hasSize(1);
        runBackground();
        KeyShare made = keyAgreement.made.get(0);

        KeyShare response = spares.responseShare(keyAgreement);
        KeyShare another = spares.responseShare(keyAgreement);

        assertThat(response).isSameAs(made);
        assertThat(another).isNotSameAs(made);
    }

    @Test
    void shareTakenBeforeTheBackgroundMadeIt_isMadeOnceByTheTaker() throws Exception {
        spares.prepareInitiator(keyAgreement);
        KeyShare taken = spares.initiatorShare(keyAgreement); // the background has not run yet

        runBackground(); // finds it made already: nothing more

        assertThat(keyAgreement.made).containsExactly(taken);
    }

    @Test
    void close_destroysTheSpares_andOnesStillBeingMade() throws Exception {
        spares.prepareInitiator(keyAgreement);
        runBackground();
        spares.prepareResponse(keyAgreement); // not made yet when the client closes

        spares.close();
        runBackground();
        spares.prepareInitiator(keyAgreement);

        assertThat(keyAgreement.made).hasSize(2);
        assertThat(keyAgreement.destroyed).containsExactlyInAnyOrderElementsOf(keyAgreement.made);
        assertThat(background).as("nothing is made once closed").isEmpty();
    }

    @Test
    void handshake_withSpares_takesBothAndSecuresBothSides() throws Exception {
        CipherSuite suite = TestSuites.x448Aes128();
        HandshakeContext alice = new HandshakeContext(suite, IdentityKeyPair.generate(new SecureRandom()), "Alice",
                "Bob", "lobby", Tracer.NONE);
        HandshakeContext bob = new HandshakeContext(suite, IdentityKeyPair.generate(new SecureRandom()), "Bob",
                "Alice", "lobby", Tracer.NONE);
        KeyAgreement x448 = suite.keyAgreement();
        spares.prepareInitiator(x448);
        spares.prepareResponse(x448);
        runBackground();

        Initiator initiator = Initiator.start(alice, spares);
        Responder responder = Responder.accept(bob, initiator.message(), spares);
        Initiator.Completed completed = initiator.receive(responder.message());

        assertThat(responder.finish(completed.finish()).safetyCode()).isEqualTo(completed.session().safetyCode());
        spares.prepareInitiator(x448);
        spares.prepareResponse(x448);
        assertThat(background).as("both spares were taken, so both are made again").hasSize(2);
    }
}
