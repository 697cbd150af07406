package dev.blindrelay.client;

import dev.blindrelay.handshake.HandshakeReject;
import dev.blindrelay.relay.RelayLimits;
import dev.blindrelay.relay.RelayObserver;
import dev.blindrelay.testing.ChatHarness;
import dev.blindrelay.testing.ChatHarness.Client;
import dev.blindrelay.testing.LoopbackTransport;
import dev.blindrelay.testing.TestFrames;
import dev.blindrelay.testing.suite.TestSuites;
import dev.blindrelay.wire.Envelope;
import dev.blindrelay.wire.EnvelopeHeader;
import dev.blindrelay.wire.FrameType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Handshakes that go wrong (§5 of PROTOCOL.md): the initiator never waits for ever. A malformed INIT
 * or one of another version is answered with a REJECT; an INIT without an answer is tried once more,
 * then the peer is reported unreachable. Alice joins first, so Bob initiates.
 */
class HandshakeFailuresTest {

    private ChatHarness chat;
    /** Every REJECT the relay passed on. */
    private final List<HandshakeReject> rejects = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startRelay() throws IOException {
        chat = ChatHarness.start();
    }

    @AfterEach
    void stopRelay() {
        chat.close();
    }

    /** Rewrites the bodies of Bob's INITs with {@code rewrite} (null drops the frame) and records REJECTs. */
    private void rewriteInits(UnaryOperator<byte[]> rewrite) {
        chat.relay().intercept((link, frame) -> {
            EnvelopeHeader header = TestFrames.header(frame);
            Envelope envelope = TestFrames.parse(frame);
            if (header.type() == FrameType.HANDSHAKE_REJECT) {
                try {
                    rejects.add(HandshakeReject.parse(envelope.body()));
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }
            if (header.type() != FrameType.HANDSHAKE_INIT) {
                return List.of(frame);
            }
            byte[] body = rewrite.apply(envelope.body());
            return body == null ? List.of() : List.of(TestFrames.peer(FrameType.HANDSHAKE_INIT, header.sender(),
                    header.recipient(), header.room(), body));
        });
    }

    private Client bob(Duration handshakeTimeout) throws IOException {
        return chat.client("bob").handshakeTimeout(handshakeTimeout).join();
    }

    @Test
    void malformedInit_rejectedWithReason3AndTheInitiatorIsToldAtOnce() throws Exception {
        rewriteInits(body -> Arrays.copyOf(body, body.length - 1)); // the ephemeral key is one byte short
        Client alice = chat.join("alice");
        Client bob = bob(Duration.ofSeconds(30));

        assertThat(alice.events().awaitWarningContaining("malformed handshake init from bob")).contains("truncated");
        assertThat(bob.events().awaitWarningContaining("alice refused the handshake")).contains("malformed");
        assertThat(rejects).singleElement().extracting(HandshakeReject::reason).isEqualTo(HandshakeReject.INVALID);
        assertThat(bob.chat().members().get("alice")).startsWith("no session: alice refused the handshake");
    }

    @Test
    void initOfAnotherVersion_rejectedWithReason2WithoutReadingTheRest() throws Exception {
        // Version 3 with a layout this build cannot parse: the version alone decides.
        rewriteInits(body -> new byte[] {3, (byte) 0xff, (byte) 0xff, (byte) 0xff});
        Client alice = chat.join("alice");
        Client bob = bob(Duration.ofSeconds(30));

        assertThat(alice.events().awaitWarningContaining("handshake version 3")).contains("bob");
        assertThat(bob.events().awaitWarningContaining("alice refused the handshake"))
                .contains("handshake version 3 not supported");
        assertThat(rejects).singleElement().extracting(HandshakeReject::reason)
                .isEqualTo(HandshakeReject.VERSION_MISMATCH);
    }

    @Test
    void initWithoutAnswer_triedOnceMoreAndThenSecured() throws Exception {
        dropFirstInitThenTryOnceMore();
    }

    /** A transport may offer no thread for deadlines: the client's own timer runs them. */
    @Test
    void initWithoutAnswer_onTheClientsTimerWhenTheTransportOffersNoThread_triedOnceMoreAndThenSecured()
            throws Exception {
        chat.close();
        chat = ChatHarness.start(LoopbackTransport.withoutDeadlines(), TestSuites.x448Aes128(), RelayLimits.defaults(),
                RelayObserver.NONE);
        dropFirstInitThenTryOnceMore();
    }

    private void dropFirstInitThenTryOnceMore() throws Exception {
        boolean[] dropped = {false};
        rewriteInits(body -> {
            synchronized (dropped) {
                if (!dropped[0]) {
                    dropped[0] = true;
                    return null;
                }
                return body;
            }
        });
        Client alice = chat.join("alice");
        Client bob = bob(Duration.ofSeconds(2));

        assertThat(bob.events().awaitWarningContaining("trying once more"))
                .isEqualTo("alice did not answer the handshake within 2 s; trying once more");
        bob.events().awaitSecured("alice");
        alice.events().awaitSecured("bob");
        bob.chat().send("second time lucky");
        alice.events().awaitMessage("bob", "second time lucky");
    }

    @Test
    void responseLost_responderForgetsItsHalfAndAnswersTheRetry() throws Exception {
        boolean[] dropped = {false};
        chat.relay().intercept((link, frame) -> {
            synchronized (dropped) {
                if (!dropped[0] && TestFrames.typeOf(frame) == FrameType.HANDSHAKE_RESPONSE) {
                    dropped[0] = true;
                    return List.of();
                }
            }
            return List.of(frame);
        });
        Client alice = chat.client("alice").handshakeTimeout(Duration.ofMillis(400)).join();
        Client bob = bob(Duration.ofSeconds(2));

        alice.events().awaitWarningContaining("bob did not finish the handshake within 0.2 s");
        bob.events().awaitWarningContaining("trying once more");
        bob.events().awaitSecured("alice");
        alice.events().awaitSecured("bob");
    }

    @Test
    void initNeverAnswered_givesUpAfterTwoTriesAndSaysWhyOnEverySend() throws Exception {
        rewriteInits(body -> null);
        chat.join("alice");
        Client bob = bob(Duration.ofMillis(300));

        String reason = "alice did not answer the handshake (2 tries, 0.3 s each)";
        bob.events().awaitWarningContaining(reason);
        assertThat(bob.events().warnings()).filteredOn(line -> line.contains("trying once more")).hasSize(1);
        assertThat(bob.chat().members()).containsEntry("alice", "no session: " + reason);
        long id = bob.chat().send("anyone?").orElseThrow();
        assertThat(bob.events().awaitNotDelivered("alice", reason).id()).isEqualTo(id);
    }
}
