package dev.blindrelay.cli.e2e;

import dev.blindrelay.handshake.HandshakeInit;
import dev.blindrelay.handshake.HandshakeInit.KeyShareEntry;
import dev.blindrelay.handshake.HandshakeResponse;
import dev.blindrelay.relay.RelayObserver;
import dev.blindrelay.suite.SuitePreference;
import dev.blindrelay.testing.ChatHarness;
import dev.blindrelay.testing.ChatHarness.Client;
import dev.blindrelay.testing.TestFrames;
import dev.blindrelay.wire.EnvelopeHeader;
import dev.blindrelay.wire.FrameType;
import dev.blindrelay.wire.MalformedFrameException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A malicious relay over real TCP attacks the handshake between Alice and Bob, in a room where Carol chats with
 * both: it strips or reorders Alice's offer (a downgrade attempt), or breaks one half of the post-quantum hybrid.
 * Each attack ends that one handshake with a clear warning; Alice and Carol, and Bob and Carol, chat on.
 */
class HandshakeAttacksTest {

    private static final String PQ = "X25519MLKEM768_HKDF-SHA256_AES-256-GCM";
    private static final String CLASSICAL = "X25519_HKDF-SHA256_CHACHA20-POLY1305";
    private static final SuitePreference BOTH = Plugins.REGISTRY.suiteResolver().resolveList("pq,x25519-chacha");

    private ChatHarness relay;
    private Client bob;
    private Client carol;

    @BeforeEach
    void bobAndCarol() throws Exception {
        relay = Plugins.relay("tcp", Plugins.REGISTRY.suite("pq"), RelayObserver.NONE);
        bob = relay.client("Bob").suites(BOTH).join();
        carol = relay.client("Carol").suites(BOTH).join();
        bob.events().awaitSecured("Carol");
    }

    @AfterEach
    void close() {
        relay.close();
    }

    /** Rewrites Alice's INIT to Bob with {@code attack}, then lets Alice join with {@code suites}. */
    private Client aliceWithInitToBob(String suites, UnaryOperator<HandshakeInit> attack) throws Exception {
        relay.relay().intercept((to, frame) -> {
            EnvelopeHeader header = TestFrames.header(frame);
            if (header.type() == FrameType.HANDSHAKE_INIT && header.sender().equals("Alice")
                    && header.recipient().equals("Bob")) {
                return List.of(TestFrames.withBody(frame, attack.apply(TestFrames.init(frame)).encode()));
            }
            return List.of(frame);
        });
        return relay.client("Alice").suites(Plugins.REGISTRY.suiteResolver().resolveList(suites)).join();
    }

    /** Alice and Carol are secured on the post-quantum suite and chat; Bob and Carol chat too. */
    private void roomChatsOn(Client alice) {
        assertThat(alice.events().awaitSecured("Carol").suiteId()).isEqualTo(PQ);
        relay.relay().passThrough();
        alice.chat().send("to everyone");
        carol.events().awaitMessage("Alice", "to everyone");
        bob.chat().send("bob is fine");
        carol.events().awaitMessage("Bob", "bob is fine");
        assertThat(alice.events().securedWith("Bob")).isEmpty();
        assertThat(bob.events().securedWith("Alice")).isEmpty();
        assertThat(alice.chat().members().get("Bob")).startsWith("no session: ");
    }

    @Test
    void strippedOffer_isADowngradeAttempt() throws Exception {
        Client alice = aliceWithInitToBob("pq,x25519-chacha", init -> new HandshakeInit(init.version(),
                List.of(CLASSICAL), init.identityKey(), List.of(share(init, "X25519"))));

        assertThat(alice.events().awaitWarningContaining("handshake with Bob failed"))
                .contains("downgrade attempt: you offered " + PQ + ", " + CLASSICAL + " but Bob received " + CLASSICAL);
        assertThat(bob.events().awaitWarningContaining("Alice refused the handshake"))
                .contains("downgrade attempt");
        roomChatsOn(alice);
    }

    @Test
    void reorderedOffer_isADowngradeAttempt() throws Exception {
        Client alice = aliceWithInitToBob("pq,x25519-chacha", init -> new HandshakeInit(init.version(),
                List.of(CLASSICAL, PQ), init.identityKey(), List.of(share(init, "X25519"),
                share(init, "X25519MLKEM768"))));

        assertThat(alice.events().awaitWarningContaining("handshake with Bob failed"))
                .contains("downgrade attempt: you offered " + PQ + ", " + CLASSICAL + " but Bob received "
                        + CLASSICAL + ", " + PQ);
        roomChatsOn(alice);
    }

    @Test
    void allZeroX25519HalfOfTheHybridShare_isRefused() throws Exception {
        Client alice = aliceWithInitToBob("pq", init -> withHybridShare(init, share -> {
            byte[] broken = share.clone();
            Arrays.fill(broken, 1184, 1216, (byte) 0);
            return broken;
        }));

        assertThat(bob.events().awaitWarningContaining("handshake with Alice failed"))
                .contains("invalid ephemeral key from Alice: X25519 low-order public key");
        assertThat(alice.events().awaitWarningContaining("Bob refused the handshake"))
                .contains("X25519 low-order public key");
        roomChatsOn(alice);
    }

    @Test
    void wrongLengthMlKemKey_isRefused() throws Exception {
        Client alice = aliceWithInitToBob("pq", init -> withHybridShare(init,
                share -> Arrays.copyOf(share, share.length - 1)));

        assertThat(bob.events().awaitWarningContaining("handshake with Alice failed"))
                .contains("must be 1216 bytes, got 1215");
        assertThat(alice.events().awaitWarningContaining("Bob refused the handshake")).contains("1216 bytes");
        roomChatsOn(alice);
    }

    @Test
    void unreducedMlKemKey_failsTheModulusCheck() throws Exception {
        Client alice = aliceWithInitToBob("pq", init -> withHybridShare(init, share -> {
            byte[] broken = share.clone();
            broken[0] = (byte) 0xff; // with the low nibble of byte 1: the first 12-bit coefficient is 4095 >= q
            broken[1] |= 0x0f;
            return broken;
        }));

        assertThat(bob.events().awaitWarningContaining("handshake with Alice failed")).contains("modulus check");
        roomChatsOn(alice);
    }

    /** The ciphertext changed on its way to Alice: Bob signed the one he sent, so his signature no longer fits. */
    @Test
    void tamperedCiphertext_failsBobsSignature() throws Exception {
        relay.relay().intercept((to, frame) -> {
            EnvelopeHeader header = TestFrames.header(frame);
            if (header.type() == FrameType.HANDSHAKE_RESPONSE && header.sender().equals("Bob")) {
                HandshakeResponse r = response(frame);
                byte[] tampered = r.ephemeralKey().clone();
                tampered[17] ^= 0x01;
                return List.of(TestFrames.withBody(frame, new HandshakeResponse(r.version(), r.suiteId(),
                        r.offerReceived(), r.identityKey(), tampered, r.signature(), r.confirmation()).encode()));
            }
            return List.of(frame);
        });
        Client alice = relay.client("Alice").suites(Plugins.REGISTRY.suiteResolver().resolveList("pq")).join();

        assertThat(alice.events().awaitWarningContaining("handshake with Bob failed"))
                .contains("the responder signature from Bob does not verify");
        roomChatsOn(alice);
    }

    private static KeyShareEntry share(HandshakeInit init, String keyAgreementId) {
        return new KeyShareEntry(keyAgreementId, init.keyShare(keyAgreementId).orElseThrow());
    }

    private static HandshakeInit withHybridShare(HandshakeInit init, UnaryOperator<byte[]> change) {
        return new HandshakeInit(init.version(), init.offer(), init.identityKey(), List.of(new KeyShareEntry(
                "X25519MLKEM768", change.apply(init.keyShare("X25519MLKEM768").orElseThrow()))));
    }

    private static HandshakeResponse response(byte[] frame) {
        try {
            return HandshakeResponse.parse(TestFrames.parse(frame).body());
        } catch (MalformedFrameException e) {
            throw new UncheckedIOException(e);
        }
    }
}
