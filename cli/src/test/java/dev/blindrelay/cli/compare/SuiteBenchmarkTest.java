package dev.blindrelay.cli.compare;

import dev.blindrelay.handshake.HandshakeFinish;
import dev.blindrelay.handshake.HandshakeInit;
import dev.blindrelay.handshake.HandshakeResponse;
import dev.blindrelay.identity.IdentityKeyPair;
import dev.blindrelay.session.SessionKind;
import dev.blindrelay.session.SessionOptions;
import dev.blindrelay.registry.PluginRegistry;
import dev.blindrelay.session.SecureSession;
import dev.blindrelay.suite.CipherSuite;
import dev.blindrelay.wire.Envelope;
import dev.blindrelay.wire.EnvelopeHeader;
import dev.blindrelay.wire.FrameType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SuiteBenchmarkTest {

    private static final InMemoryHandshake PARTIES = InMemoryHandshake.withFreshIdentities();
    private static final TimeBox TINY = new TimeBox(Duration.ofMillis(20));
    /** Version, type, then sender, recipient and room with their length bytes: "Alice", "Bob", "lobby". */
    private static final int ENVELOPE_HEADER = 2 + (1 + "Alice".length()) + (1 + "Bob".length())
            + (1 + "lobby".length());

    static List<CipherSuite> suites() {
        return PluginRegistry.load().suites();
    }

    @ParameterizedTest
    @MethodSource("suites")
    void measure_everyFigurePositive(CipherSuite suite) throws Exception {
        SuiteMeasurement measured = new SuiteBenchmark(new Workload(PARTIES, List.of(64, 4096), TINY))
                .measure(suite, "alias");

        assertThat(measured.id()).isEqualTo(suite.id());
        assertThat(measured.handshakesPerSecond()).isPositive();
        assertThat(measured.agreementsPerSecond()).isPositive();
        assertThat(measured.megabytesPerSecond()).hasSize(2).allSatisfy(rate -> assertThat(rate).isPositive());
        assertThat(measured.ratchet().staticPerSecond()).isPositive();
        assertThat(measured.ratchet().ratchetPerSecond()).isPositive();
        assertThat(measured.ratchet().stepsPerSecond()).isPositive();
        assertThat(measured.components()).extracting(Component::id)
                .containsExactly(suite.keyAgreement().id(), suite.kdf().id(), suite.aead().id());
        assertThat(measured.components()).extracting(Component::provider).doesNotContainNull();
    }

    /** The counts must be the frames a client really sends: re-encode a fresh handshake independently. */
    @ParameterizedTest
    @MethodSource("suites")
    void wireCost_equalsTheEncodedFrames(CipherSuite suite) throws Exception {
        InMemoryHandshake.Result handshake = PARTIES.run(suite);
        WireCost wire = WireCost.of(handshake, PARTIES.run(suite, SessionOptions.of(SessionKind.STATIC)));

        int init = new Envelope(FrameType.HANDSHAKE_INIT, "Alice", "Bob", "lobby", handshake.init().encode())
                .encode().length;
        int response = new Envelope(FrameType.HANDSHAKE_RESPONSE, "Bob", "Alice", "lobby",
                handshake.response().encode()).encode().length;
        int finish = new Envelope(FrameType.HANDSHAKE_FINISH, "Alice", "Bob", "lobby", handshake.finish().encode())
                .encode().length;
        assertThat(wire.initFrame()).isEqualTo(init);
        assertThat(wire.responseFrame()).isEqualTo(response);
        assertThat(wire.finishFrame()).isEqualTo(finish);
        assertThat(wire.handshakeFrames()).isEqualTo(init + response + finish);
        assertThat(wire.handshakeOverTcp()).isEqualTo(init + response + finish + 3 * 4);

        // And from the field layout of docs/PROTOCOL.md, so the frames themselves are the ones expected.
        int header = ENVELOPE_HEADER;
        int suiteId = 1 + suite.id().length();
        int identity = 2 + IdentityKeyPair.PUBLIC_KEY_LENGTH;
        int signature = 2 + IdentityKeyPair.SIGNATURE_LENGTH;
        int confirmation = 1 + handshake.finish().confirmation().length;
        int offer = 1 + suiteId; // a count, then the one suite offered
        int keyShare = 1 + 1 + suite.keyAgreement().id().length() + 2 + suite.keyAgreement().publicKeyLength();
        assertThat(init).isEqualTo(header + 1 + suiteId + identity + 2 + offer + keyShare + 1 /* session type */);
        assertThat(response).isEqualTo(header + 1 + suiteId + offer + identity + 2
                + suite.keyAgreement().responseLength() + signature + confirmation);
        assertThat(finish).isEqualTo(header + signature + confirmation);
        handshake.destroy();
    }

    @ParameterizedTest
    @MethodSource("suites")
    void wireCost_messageOverheadIsWhatSealAdds(CipherSuite suite) throws Exception {
        InMemoryHandshake.Result staticKeys = PARTIES.run(suite, SessionOptions.of(SessionKind.STATIC));
        WireCost wire = WireCost.of(PARTIES.run(suite), staticKeys);
        InMemoryHandshake.Result settled = PARTIES.settled(suite);
        for (int size : new int[]{0, 1, 64, 1000}) {
            byte[] frame = settled.responderSession().seal(new byte[size]);
            assertThat(frame.length - size).as("a ratchet message without key material").isEqualTo(wire.messageOverhead());
            assertThat(settled.initiatorSession().open(EnvelopeHeader.parse(frame), frame).plaintext()).hasSize(size);
            byte[] old = staticKeys.initiatorSession().seal(new byte[size]);
            assertThat(old.length - size).as("a static message").isEqualTo(wire.staticOverhead());
        }
        assertThat(wire.staticOverhead()).isEqualTo(ENVELOPE_HEADER + 8 + suite.aead().tagLength());
        assertThat(wire.messageOverhead()).isEqualTo(ENVELOPE_HEADER + 17 + suite.aead().tagLength());
        assertThat(wire.ratchetAdds()).isEqualTo(9);
        assertThat(wire.stepAdds()).as("bytes16 response + bytes16 share")
                .isEqualTo(2 + suite.keyAgreement().responseLength() + 2 + suite.keyAgreement().publicKeyLength());
        assertThat(wire.messageOverheadOverTcp()).isEqualTo(wire.messageOverhead() + 4);
        staticKeys.destroy();
        settled.destroy();
    }

    @ParameterizedTest
    @MethodSource("suites")
    void run_messagesAreTheRealHandshake(CipherSuite suite) throws Exception {
        InMemoryHandshake.Result handshake = PARTIES.run(suite);

        assertThat(HandshakeInit.parse(handshake.init().encode()).offer()).containsExactly(suite.id());
        assertThat(HandshakeResponse.parse(handshake.response().encode()).suiteId()).isEqualTo(suite.id());
        assertThat(HandshakeResponse.parse(handshake.response().encode()).ephemeralKey())
                .hasSize(suite.keyAgreement().responseLength());
        assertThat(HandshakeFinish.parse(handshake.finish().encode()).signature())
                .hasSize(IdentityKeyPair.SIGNATURE_LENGTH);
        assertThat(handshake.initiatorSession().safetyCode()).isEqualTo(handshake.responderSession().safetyCode());
        handshake.destroy();
    }
}
