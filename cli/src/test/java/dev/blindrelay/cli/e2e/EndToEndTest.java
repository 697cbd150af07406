package dev.blindrelay.cli.e2e;

import dev.blindrelay.suite.CipherSuite;
import dev.blindrelay.testing.ChatHarness;
import dev.blindrelay.testing.ChatHarness.Client;
import dev.blindrelay.wire.EnvelopeHeader;
import dev.blindrelay.wire.FrameType;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The classic chat: a real TCP relay on 127.0.0.1, two real clients, the default suite. */
class EndToEndTest {

    @Test
    void chat_messagesFlowBothWaysAndTheRelayNeverSeesPlaintext() throws Exception {
        Plugins.Capture relaySaw = new Plugins.Capture();
        try (ChatHarness relay = Plugins.relay("tcp", Plugins.REGISTRY.suite(CipherSuite.DEFAULT_ID), relaySaw)) {
            Client alice = relay.join("Alice");
            Client bob = relay.join("Bob");
            String aliceCode = alice.events().awaitSecured("Bob").safetyCode();
            assertThat(bob.events().awaitSecured("Alice").safetyCode()).isEqualTo(aliceCode);

            List<String> fromAlice = List.of("attack at dawn", "the password is swordfish", "meet at the old mill");
            List<String> fromBob = List.of("understood, dawn", "swordfish noted", "the mill at noon");
            for (int i = 0; i < fromAlice.size(); i++) {
                alice.chat().send(fromAlice.get(i));
                bob.events().awaitMessage("Alice", fromAlice.get(i));
                bob.chat().send(fromBob.get(i));
                alice.events().awaitMessage("Bob", fromBob.get(i));
            }
            assertThat(bob.events().textsFrom("Alice")).containsExactlyElementsOf(fromAlice);
            assertThat(alice.events().textsFrom("Bob")).containsExactlyElementsOf(fromBob);

            List<byte[]> frames = relaySaw.frames();
            assertThat(frames).extracting(f -> EnvelopeHeader.parse(f).type())
                    .contains(FrameType.HANDSHAKE_INIT, FrameType.HANDSHAKE_RESPONSE, FrameType.HANDSHAKE_FINISH,
                            FrameType.DATA);
            for (String text : concat(fromAlice, fromBob)) {
                byte[] plaintext = text.getBytes(StandardCharsets.UTF_8);
                assertThat(frames).as("relay traffic containing '%s'", text)
                        .noneMatch(frame -> contains(frame, plaintext));
            }
        }
    }

    @Test
    void leave_peerIsToldAndAComebackGetsFreshKeys() throws Exception {
        try (ChatHarness relay = Plugins.relay("tcp")) {
            Client alice = relay.join("Alice");
            Client bob = relay.join("Bob");
            String first = alice.events().awaitSecured("Bob").safetyCode();
            bob.close();
            alice.events().awaitPeerLeft("Bob");

            Client bobAgain = relay.client("Bob").identity(bob.identity()).knownPeers(bob.knownPeers()).join();
            String second = alice.events().awaitSecured("Bob", 2, java.time.Duration.ofSeconds(10)).safetyCode();
            assertThat(bobAgain.events().awaitSecured("Alice").safetyCode()).isEqualTo(second);
            assertThat(second).isNotEqualTo(first);
            bobAgain.chat().send("back again");
            alice.events().awaitMessage("Bob", "back again");
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new java.util.ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
