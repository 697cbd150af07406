package dev.blindrelay.client;

import dev.blindrelay.handshake.HandshakeInit;
import dev.blindrelay.handshake.HandshakeReject;
import dev.blindrelay.suite.CipherSuite;
import dev.blindrelay.suite.SuitePreference;
import dev.blindrelay.testing.ChatHarness;
import dev.blindrelay.testing.ChatHarness.Client;
import dev.blindrelay.testing.TestFrames;
import dev.blindrelay.testing.suite.TestSuites;
import dev.blindrelay.wire.EnvelopeHeader;
import dev.blindrelay.wire.FrameType;
import dev.blindrelay.wire.WireWriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Suite negotiation between real clients through a relay: each pair of members negotiates on its own, so a
 * room can hold sessions on different suites; no suite in common, and a peer of handshake version 1, each end
 * with a REJECT that says why.
 */
class NegotiationInARoomTest {

    private static final CipherSuite A = TestSuites.x448Aes128();
    private static final CipherSuite B = TestSuites.x448Aes128WithAeadId("AES-128-GCM-B");

    private ChatHarness chat;

    @BeforeEach
    void startRelay() throws IOException {
        chat = ChatHarness.start();
    }

    @AfterEach
    void stopRelay() {
        chat.close();
    }

    private Client join(String name, CipherSuite... suites) throws IOException {
        return chat.client(name).suites(SuitePreference.of(suites)).join();
    }

    @Test
    void eachPairNegotiatesItsOwnSuite_initiatorsOrderDecides() throws Exception {
        Client bob = join("bob", B);
        Client carol = join("carol", B, A);
        Client alice = join("alice", A, B);

        // alice initiates with both; carol initiated with bob when she joined.
        assertThat(alice.events().awaitSecured("bob").suiteId()).isEqualTo(B.id());
        assertThat(alice.events().awaitSecured("carol").suiteId()).isEqualTo(A.id());
        assertThat(carol.events().awaitSecured("bob").suiteId()).isEqualTo(B.id());
        assertThat(bob.events().awaitSecured("alice").suiteId()).isEqualTo(B.id());
        assertThat(carol.events().awaitSecured("alice").suiteId()).isEqualTo(A.id());

        assertThat(alice.chat().members()).containsEntry("bob", "secure, suite " + B.id())
                .containsEntry("carol", "secure, suite " + A.id());
        assertThat(alice.chat().sessionSuite("carol")).hasValue(A);
        alice.chat().send("to both");
        bob.events().awaitMessage("alice", "to both");
        carol.events().awaitMessage("alice", "to both");
        assertThat(alice.events().warnings()).isEmpty();
    }

    @Test
    void noCommonSuite_bothSidesSeeBothLists() throws Exception {
        Client bob = join("bob", B);
        Client alice = join("alice", A);

        assertThat(bob.events().awaitWarningContaining("no suite in common"))
                .contains("alice offered " + A.id(), "you accept " + B.id());
        assertThat(alice.events().awaitWarningContaining("bob refused the handshake"))
                .contains("no suite in common: you offered " + A.id() + "; bob accepts " + B.id());
        assertThat(alice.chat().members().get("bob")).startsWith("no session: ");
    }

    /** A version-1 INIT (version, one suite id, identity key, ephemeral key) gets a REJECT naming both versions. */
    @Test
    void versionOnePeer_getsARejectNamingBothVersions() throws Exception {
        Client bob = join("bob", A);
        List<HandshakeReject> rejectsToAlice = new CopyOnWriteArrayList<>();
        chat.relay().intercept((to, frame) -> {
            EnvelopeHeader header = TestFrames.header(frame);
            if (header.type() == FrameType.HANDSHAKE_INIT) {
                HandshakeInit v2 = TestFrames.init(frame);
                byte[] v1 = new WireWriter().u8(1).str8(A.id()).bytes16(v2.identityKey())
                        .bytes16(v2.keyShares().get(0).publicKey()).toByteArray();
                return List.of(TestFrames.withBody(frame, v1));
            }
            if (header.type() == FrameType.HANDSHAKE_REJECT) {
                rejectsToAlice.add(parseReject(frame));
            }
            return List.of(frame);
        });
        Client alice = join("alice", A);

        assertThat(bob.events().awaitWarningContaining("handshake with alice failed"))
                .contains("alice speaks handshake version 1; this build speaks 2");
        assertThat(alice.events().awaitWarningContaining("bob refused the handshake"))
                .contains("handshake version 1 not supported; this peer speaks 2");
        assertThat(rejectsToAlice).singleElement().satisfies(reject -> {
            assertThat(reject.reason()).isEqualTo(HandshakeReject.VERSION_MISMATCH);
            assertThat(reject.suites()).isEqualTo(A.id());
        });
    }

    private static HandshakeReject parseReject(byte[] frame) {
        try {
            return HandshakeReject.parse(TestFrames.parse(frame).body());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
