package dev.blindrelay.handshake;

import dev.blindrelay.handshake.HandshakeInit.KeyShareEntry;
import dev.blindrelay.identity.IdentityKeyPair;
import dev.blindrelay.session.Opened;
import dev.blindrelay.session.SecureSession;
import dev.blindrelay.session.SessionKind;
import dev.blindrelay.session.SessionOptions;
import dev.blindrelay.suite.CipherSuite;
import dev.blindrelay.suite.SuitePreference;
import dev.blindrelay.testing.suite.TestSuites;
import dev.blindrelay.trace.Tracer;
import dev.blindrelay.wire.EnvelopeHeader;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;

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

    /** {@code init} with its one key share replaced. */
    private static HandshakeInit withShare(HandshakeInit init, byte[] share) {
        return new HandshakeInit(init.version(), init.offer(), init.identityKey(),
                List.of(new KeyShareEntry(init.keyShares().get(0).keyAgreementId(), share)));
    }

    private static HandshakeResponse withSuiteAndOffer(HandshakeResponse r, String suiteId, List<String> offer) {
        return new HandshakeResponse(r.version(), suiteId, offer, r.identityKey(), r.ephemeralKey(), r.signature(),
                r.confirmation());
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
        HandshakeInit offered = new HandshakeInit(own.version(), List.of(other), own.identityKey(),
                List.of(new KeyShareEntry("X25519", new byte[32])));
        assertThatThrownBy(() -> Responder.accept(bobToAlice(suite), offered))
                .isInstanceOf(HandshakeException.class)
                .hasMessageContaining("Alice offered " + other).hasMessageContaining("you accept " + suite.id())
                .hasMessageContaining("no suite in common")
                .satisfies(e -> {
                    HandshakeReject reject = ((HandshakeException) e).reject();
                    assertThat(reject.reason()).isEqualTo(HandshakeReject.SUITE_MISMATCH);
                    assertThat(reject.suites()).isEqualTo(suite.id());
                    assertThat(reject.message()).contains("you offered " + other, "Bob accepts " + suite.id());
                });
    }

    @Test
    void accept_anotherSessionTypeIsRejectedWithReason4_namingBoth() throws Exception {
        HandshakeContext staticAlice = new HandshakeContext(suite, alice, "Alice", "Bob", "lobby", Tracer.NONE,
                SessionOptions.of(SessionKind.STATIC));
        HandshakeInit init = HandshakeInit.parse(Initiator.start(staticAlice).message().encode());
        assertThat(init.session()).isEqualTo(SessionKind.STATIC);
        assertThatThrownBy(() -> Responder.accept(bobToAlice(suite), init))
                .isInstanceOf(HandshakeException.class)
                .hasMessageContaining("Alice asked for a static session but you use ratchet sessions")
                .satisfies(e -> {
                    HandshakeReject reject = ((HandshakeException) e).reject();
                    assertThat(reject.reason()).isEqualTo(HandshakeReject.SESSION_MISMATCH);
                    assertThat(reject.message()).contains("Bob uses ratchet sessions but you asked for static",
                            "--session");
                });
    }

    @Test
    void sessionType_isInTheTranscript_aChangedOneFailsTheSignature() throws Exception {
        HandshakeContext staticBob = new HandshakeContext(suite, bob, "Bob", "Alice", "lobby", Tracer.NONE,
                SessionOptions.of(SessionKind.STATIC));
        Initiator initiator = Initiator.start(aliceToBob(suite));
        HandshakeInit sent = initiator.message();
        // A relay turns Alice's "ratchet" into "static" for a static Bob: Bob signs a transcript that says static.
        HandshakeInit changed = new HandshakeInit(sent.version(), sent.offer(), sent.identityKey(), sent.keyShares(),
                SessionKind.STATIC);
        HandshakeResponse answer = Responder.accept(staticBob, changed).message();
        assertThatThrownBy(() -> initiator.receive(answer)).isInstanceOf(HandshakeException.class)
                .hasMessageContaining("does not verify");
    }

    @Test
    void sessions_ofEachKindAreMadeByTheHandshake() throws Exception {
        SecureSession[] ratchet = handshake();
        assertThat(ratchet[0].kind()).isEqualTo(SessionKind.RATCHET);
        assertThat(ratchet[1].kind()).isEqualTo(SessionKind.RATCHET);
        SessionOptions staticKind = SessionOptions.of(SessionKind.STATIC);
        Initiator initiator = Initiator.start(new HandshakeContext(suite, alice, "Alice", "Bob", "lobby", Tracer.NONE,
                staticKind));
        Responder responder = Responder.accept(new HandshakeContext(suite, bob, "Bob", "Alice", "lobby", Tracer.NONE,
                staticKind), initiator.message());
        Initiator.Completed completed = initiator.receive(responder.message());
        assertThat(completed.session().kind()).isEqualTo(SessionKind.STATIC);
        assertThat(responder.finish(completed.finish()).kind()).isEqualTo(SessionKind.STATIC);
    }

    @Test
    void receive_swappedEphemeralKeyFailsSignature() throws Exception {
        Initiator initiator = Initiator.start(aliceToBob(suite));
        HandshakeInit original = initiator.message();
        byte[] mallory = suite.keyAgreement().generate().publicBytes();
        HandshakeInit swapped = withShare(original, mallory);
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

    @Test
    void handshake_fullManInTheMiddleGivesDifferentSafetyCodes() throws Exception {
        IdentityKeyPair mallory = IdentityKeyPair.generate(RANDOM);
        HandshakeContext malloryAsBob = new HandshakeContext(suite, mallory, "Bob", "Alice", "lobby", Tracer.NONE);
        HandshakeContext malloryAsAlice = new HandshakeContext(suite, mallory, "Alice", "Bob", "lobby", Tracer.NONE);

        // Alice <-> Mallory (posing as Bob)
        Initiator aliceSide = Initiator.start(aliceToBob(suite));
        Responder malloryResponds = Responder.accept(malloryAsBob, aliceSide.message());
        Initiator.Completed aliceDone = aliceSide.receive(malloryResponds.message());
        SecureSession malloryWithAlice = malloryResponds.finish(aliceDone.finish());
        // Mallory (posing as Alice) <-> Bob
        Initiator malloryInitiates = Initiator.start(malloryAsAlice);
        Responder bobSide = Responder.accept(bobToAlice(suite), malloryInitiates.message());
        Initiator.Completed malloryDone = malloryInitiates.receive(bobSide.message());
        SecureSession bobSession = bobSide.finish(malloryDone.finish());

        SecureSession aliceSession = aliceDone.session();
        assertThat(aliceSession.safetyCode()).isEqualTo(malloryWithAlice.safetyCode());
        assertThat(bobSession.safetyCode()).isEqualTo(malloryDone.session().safetyCode());
        assertThat(aliceSession.safetyCode()).isNotEqualTo(bobSession.safetyCode());
        assertThat(aliceSession.peerIdentityKey()).isEqualTo(mallory.publicKey()).isNotEqualTo(bob.publicKey());
        assertThat(bobSession.peerIdentityKey()).isEqualTo(mallory.publicKey()).isNotEqualTo(alice.publicKey());
    }

    @Test
    void receive_identityKeySwappedInResponseFailsSignature() throws Exception {
        Initiator initiator = Initiator.start(aliceToBob(suite));
        HandshakeResponse genuine = Responder.accept(bobToAlice(suite), initiator.message()).message();
        HandshakeResponse swapped = new HandshakeResponse(genuine.version(), genuine.suiteId(), genuine.offerReceived(),
                IdentityKeyPair.generate(RANDOM).publicKey(), genuine.ephemeralKey(), genuine.signature(),
                genuine.confirmation());
        assertThatThrownBy(() -> initiator.receive(swapped))
                .isInstanceOf(HandshakeException.class).hasMessageContaining("does not verify");
    }

    @Test
    void finish_forgedInitiatorSignatureFails() throws Exception {
        Initiator initiator = Initiator.start(aliceToBob(suite));
        Responder responder = Responder.accept(bobToAlice(suite), initiator.message());
        HandshakeFinish finish = initiator.receive(responder.message()).finish();
        byte[] signature = finish.signature().clone();
        signature[10] ^= 1;
        assertThatThrownBy(() -> responder.finish(new HandshakeFinish(signature, finish.confirmation())))
                .isInstanceOf(HandshakeException.class).hasMessageContaining("does not verify");
    }

    @Test
    void accept_invalidIdentityKeyLengthRejected() throws Exception {
        HandshakeInit own = Initiator.start(aliceToBob(suite)).message();
        for (int length : new int[] {0, 31, 33, 64}) {
            HandshakeInit bad = new HandshakeInit(own.version(), own.offer(), new byte[length], own.keyShares());
            assertThatThrownBy(() -> Responder.accept(bobToAlice(suite), bad)).as("%d-byte key", length)
                    .isInstanceOf(HandshakeException.class)
                    .hasMessageContaining(length + " bytes")
                    .satisfies(e -> assertThat(((HandshakeException) e).reject().reason())
                            .isEqualTo(HandshakeReject.INVALID));
        }
    }

    @Test
    void receive_invalidIdentityKeyLengthRejected() throws Exception {
        Initiator initiator = Initiator.start(aliceToBob(suite));
        HandshakeResponse genuine = Responder.accept(bobToAlice(suite), initiator.message()).message();
        HandshakeResponse bad = new HandshakeResponse(genuine.version(), genuine.suiteId(), genuine.offerReceived(),
                new byte[31], genuine.ephemeralKey(), genuine.signature(), genuine.confirmation());
        assertThatThrownBy(() -> initiator.receive(bad))
                .isInstanceOf(HandshakeException.class).hasMessageContaining("31 bytes");
    }

    @Test
    void accept_invalidEphemeralKeyRejectedWithReason() throws Exception {
        HandshakeInit own = Initiator.start(aliceToBob(suite)).message();
        HandshakeInit bad = withShare(own, new byte[55]);
        assertThatThrownBy(() -> Responder.accept(bobToAlice(suite), bad))
                .isInstanceOf(HandshakeException.class).hasMessageContaining("invalid ephemeral key")
                .satisfies(e -> assertThat(((HandshakeException) e).reject().reason()).isEqualTo(HandshakeReject.INVALID));
    }

    @Test
    void accept_versionMismatchRejectedWithReason() throws Exception {
        HandshakeInit own = Initiator.start(aliceToBob(suite)).message();
        HandshakeInit future = new HandshakeInit(3, own.offer(), own.identityKey(), own.keyShares());
        assertThatThrownBy(() -> Responder.accept(bobToAlice(suite), future))
                .isInstanceOf(HandshakeException.class)
                .hasMessageContaining("Alice speaks handshake version 3; this build speaks 2")
                .satisfies(e -> {
                    HandshakeReject reject = ((HandshakeException) e).reject();
                    assertThat(reject.reason()).isEqualTo(HandshakeReject.VERSION_MISMATCH);
                    assertThat(reject.message()).isEqualTo("handshake version 3 not supported; this peer speaks 2");
                });
    }

    @Test
    void receive_responseWithAnotherSuiteRejected() throws Exception {
        Initiator initiator = Initiator.start(aliceToBob(suite));
        HandshakeResponse genuine = Responder.accept(bobToAlice(suite), initiator.message()).message();
        HandshakeResponse other = withSuiteAndOffer(genuine, "X25519_HKDF-SHA256_CHACHA20-POLY1305",
                genuine.offerReceived());
        assertThatThrownBy(() -> initiator.receive(other))
                .isInstanceOf(HandshakeException.class)
                .hasMessage("Bob chose suite X25519_HKDF-SHA256_CHACHA20-POLY1305, which you did not offer");
    }

    /** The responder echoes the offer it received: a changed one is named a downgrade attempt, with both lists. */
    @Test
    void receive_offerChangedOnTheWayIsADowngradeAttempt() throws Exception {
        SuitePreference two = SuitePreference.of(suite, TestSuites.x448Aes128WithAeadId("AES-128-GCM-B"));
        Initiator initiator = Initiator.start(new HandshakeContext(two, alice, "Alice", "Bob", "lobby", Tracer.NONE));
        HandshakeInit sent = initiator.message();
        List<String> stripped = List.of(sent.offer().get(1));
        HandshakeInit downgraded = new HandshakeInit(sent.version(), stripped, sent.identityKey(), sent.keyShares());
        Responder responder = Responder.accept(new HandshakeContext(two, bob, "Bob", "Alice", "lobby", Tracer.NONE),
                downgraded);
        assertThat(responder.suite().id()).isEqualTo(stripped.get(0));

        assertThatThrownBy(() -> initiator.receive(responder.message())).isInstanceOf(HandshakeException.class)
                .hasMessageStartingWith("downgrade attempt: you offered " + String.join(", ", sent.offer())
                        + " but Bob received " + stripped.get(0))
                .satisfies(e -> assertThat(((HandshakeException) e).reject().reason())
                        .isEqualTo(HandshakeReject.INVALID));
    }

    /** A relay that restores the echo after stripping the offer: the transcript still tells, by the signature. */
    @Test
    void receive_offerChangedAndEchoRestoredFailsTheSignature() throws Exception {
        SuitePreference two = SuitePreference.of(suite, TestSuites.x448Aes128WithAeadId("AES-128-GCM-B"));
        Initiator initiator = Initiator.start(new HandshakeContext(two, alice, "Alice", "Bob", "lobby", Tracer.NONE));
        HandshakeInit sent = initiator.message();
        HandshakeInit downgraded = new HandshakeInit(sent.version(), List.of(sent.offer().get(1)), sent.identityKey(),
                sent.keyShares());
        HandshakeResponse answer = Responder.accept(new HandshakeContext(two, bob, "Bob", "Alice", "lobby",
                Tracer.NONE), downgraded).message();

        assertThatThrownBy(() -> initiator.receive(withSuiteAndOffer(answer, answer.suiteId(), sent.offer())))
                .isInstanceOf(HandshakeException.class).hasMessageContaining("does not verify");
    }

    @Test
    void receive_duplicateRefused() throws Exception {
        Initiator initiator = Initiator.start(aliceToBob(suite));
        Responder responder = Responder.accept(bobToAlice(suite), initiator.message());
        initiator.receive(responder.message());
        assertThatThrownBy(() -> initiator.receive(responder.message()))
                .isInstanceOf(HandshakeException.class).hasMessageContaining("duplicate handshake response");
    }

    @Test
    void finish_duplicateRefused() throws Exception {
        Initiator initiator = Initiator.start(aliceToBob(suite));
        Responder responder = Responder.accept(bobToAlice(suite), initiator.message());
        HandshakeFinish finish = initiator.receive(responder.message()).finish();
        responder.finish(finish);
        assertThatThrownBy(() -> responder.finish(finish))
                .isInstanceOf(HandshakeException.class).hasMessageContaining("duplicate handshake finish");
    }

    @Test
    void receive_afterAbortRefused() throws Exception {
        Initiator initiator = Initiator.start(aliceToBob(suite));
        Responder responder = Responder.accept(bobToAlice(suite), initiator.message());
        initiator.abort();
        assertThatThrownBy(() -> initiator.receive(responder.message())).isInstanceOf(HandshakeException.class);
        responder.abort();
        assertThatThrownBy(() -> responder.finish(new HandshakeFinish(new byte[64], new byte[32])))
                .isInstanceOf(HandshakeException.class);
    }

    @Test
    void receive_peerNameMismatchFails() throws Exception {
        // Bob believes he is talking to Carol: the names are in the transcript, so the signatures fail.
        Initiator initiator = Initiator.start(aliceToBob(suite));
        HandshakeContext confused = new HandshakeContext(suite, bob, "Bob", "Carol", "lobby", Tracer.NONE);
        Responder responder = Responder.accept(confused, initiator.message());
        assertThatThrownBy(() -> initiator.receive(responder.message())).isInstanceOf(HandshakeException.class);
    }
}
