package dev.blindrelay.handshake;

import dev.blindrelay.identity.IdentityKeyPair;
import dev.blindrelay.session.Opened;
import dev.blindrelay.session.SecureSession;
import dev.blindrelay.suite.CipherSuite;
import dev.blindrelay.testing.suite.TestSuites;
import dev.blindrelay.trace.Tracer;
import dev.blindrelay.wire.EnvelopeHeader;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HandshakeTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    private final CipherSuite suite = TestSuites.x448Aes128();
    private final IdentityKeyPair alice = IdentityKeyPair.generate(RANDOM);
    private final IdentityKeyPair bob = IdentityKeyPair.generate(RANDOM);

    private HandshakeContext aliceToBob(CipherSuite s) {
        return new HandshakeContext(s, alice, "Alice", "Bob", "lobby", Tracer.NONE);
    }

    private HandshakeContext bobToAlice(CipherSuite s) {
        return new HandshakeContext(s, bob, "Bob", "Alice", "lobby", Tracer.NONE);
    }

    /** Runs all three messages through their wire encodings. */
    private SecureSession[] handshake() throws Exception {
        Initiator initiator = Initiator.start(aliceToBob(suite));
        Responder responder = Responder.accept(bobToAlice(suite), HandshakeInit.parse(initiator.message().encode()));
        Initiator.Completed completed = initiator.receive(HandshakeResponse.parse(responder.message().encode()));
        SecureSession bobSession = responder.finish(HandshakeFinish.parse(completed.finish().encode()));
        return new SecureSession[] {completed.session(), bobSession};
    }

    @Test
    void handshake_bothSidesAgreeOnSafetyCodeAndSessionHash() throws Exception {
        SecureSession[] sessions = handshake();
        assertThat(sessions[0].safetyCode()).matches("\\d{4} \\d{4} \\d{4}").isEqualTo(sessions[1].safetyCode());
        assertThat(sessions[0].sessionHash()).isEqualTo(sessions[1].sessionHash());
        assertThat(sessions[0].peerIdentityKey()).isEqualTo(bob.publicKey());
        assertThat(sessions[1].peerIdentityKey()).isEqualTo(alice.publicKey());
    }

    @Test
    void handshake_freshKeysEverySession() throws Exception {
        assertThat(handshake()[0].sessionHash()).isNotEqualTo(handshake()[0].sessionHash());
    }

    @Test
    void seal_messagesFlowBothWays() throws Exception {
        SecureSession[] sessions = handshake();
        byte[] toBob = sessions[0].seal("hello bob".getBytes(StandardCharsets.UTF_8));
        Opened opened = sessions[1].open(EnvelopeHeader.parse(toBob), toBob);
        assertThat(new String(opened.plaintext(), StandardCharsets.UTF_8)).isEqualTo("hello bob");
        byte[] toAlice = sessions[1].seal("hi alice".getBytes(StandardCharsets.UTF_8));
        assertThat(new String(sessions[0].open(EnvelopeHeader.parse(toAlice), toAlice).plaintext(),
                StandardCharsets.UTF_8)).isEqualTo("hi alice");
    }

    @Test
    void accept_suiteMismatchNamesBothSuites() throws Exception {
        HandshakeInit own = Initiator.start(aliceToBob(suite)).message();
        String other = "X25519_HKDF-SHA256_CHACHA20-POLY1305";
        HandshakeInit offered = new HandshakeInit(own.version(), other, own.identityKey(), own.ephemeralKey());
        assertThatThrownBy(() -> Responder.accept(bobToAlice(suite), offered))
                .isInstanceOf(HandshakeException.class)
                .hasMessageContaining(other).hasMessageContaining(suite.id())
                .satisfies(e -> assertThat(((HandshakeException) e).reject().reason())
                        .isEqualTo(HandshakeReject.SUITE_MISMATCH));
    }

    @Test
    void receive_swappedEphemeralKeyFailsSignature() throws Exception {
        Initiator initiator = Initiator.start(aliceToBob(suite));
        HandshakeInit original = initiator.message();
        byte[] mallory = suite.keyAgreement().generate().publicBytes();
        HandshakeInit swapped = new HandshakeInit(original.version(), original.suiteId(), original.identityKey(), mallory);
        Responder responder = Responder.accept(bobToAlice(suite), swapped);
        assertThatThrownBy(() -> initiator.receive(responder.message()))
                .isInstanceOf(HandshakeException.class).hasMessageContaining("does not verify");
    }

    @Test
    void finish_tamperedConfirmationFails() throws Exception {
        Initiator initiator = Initiator.start(aliceToBob(suite));
        Responder responder = Responder.accept(bobToAlice(suite), initiator.message());
        HandshakeFinish finish = initiator.receive(responder.message()).finish();
        byte[] confirmation = finish.confirmation().clone();
        confirmation[0] ^= 1;
        assertThatThrownBy(() -> responder.finish(new HandshakeFinish(finish.signature(), confirmation)))
                .isInstanceOf(HandshakeException.class).hasMessageContaining("key confirmation");
    }

    @Test
    void receive_differentRoomOnEachSideFails() throws Exception {
        Initiator initiator = Initiator.start(aliceToBob(suite));
        HandshakeContext elsewhere = new HandshakeContext(suite, bob, "Bob", "Alice", "other-room", Tracer.NONE);
        Responder responder = Responder.accept(elsewhere, initiator.message());
        assertThatThrownBy(() -> initiator.receive(responder.message())).isInstanceOf(HandshakeException.class);
    }
}
