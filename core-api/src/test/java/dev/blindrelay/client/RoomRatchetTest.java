package dev.blindrelay.client;

import dev.blindrelay.session.SessionOptions;
import dev.blindrelay.testing.ChatHarness;
import dev.blindrelay.testing.ChatHarness.Client;
import dev.blindrelay.testing.TestFrames;
import dev.blindrelay.wire.EnvelopeHeader;
import dev.blindrelay.wire.FrameType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A room is a set of pairwise sessions, and each ratchets on its own (PROTOCOL.md §8.2): the turns of one
 * conversation step that pair's ratchet only. Epochs are read from the wire, as the relay sees them.
 */
class RoomRatchetTest {

    private static final SessionOptions EVERY_TURN = SessionOptions.defaults().withStepInterval(Duration.ZERO);

    @Test
    void eachPairStepsOnItsOwnTurns_andRoomMessagesReachEveryoneUnderTheirPairsKeys() throws Exception {
        Map<String, Long> latestEpoch = new ConcurrentHashMap<>();
        try (ChatHarness relay = ChatHarness.start()) {
            relay.relay().intercept((to, frame) -> {
                EnvelopeHeader header = TestFrames.header(frame);
                if (header.type() == FrameType.DATA) {
                    latestEpoch.merge(header.sender() + ">" + header.recipient(), epochOf(frame, header), Math::max);
                }
                return List.of(frame);
            });
            Client alice = relay.client("Alice").session(EVERY_TURN).join();
            Client bob = relay.client("Bob").session(EVERY_TURN).join();
            Client carol = relay.client("Carol").session(EVERY_TURN).join();
            for (String peer : List.of("Bob", "Carol")) {
                alice.events().awaitSecured(peer);
            }
            bob.events().awaitSecured("Carol");
            carol.events().awaitSecured("Bob");

            alice.chat().send("hello room");
            bob.events().awaitMessage("Alice", "hello room");
            carol.events().awaitMessage("Alice", "hello room");
            for (int turn = 0; turn < 4; turn++) {
                alice.chat().sendTo("Bob", "to Bob " + turn);
                bob.events().awaitMessage("Alice", "to Bob " + turn);
                bob.chat().sendTo("Alice", "to Alice " + turn);
                alice.events().awaitMessage("Bob", "to Alice " + turn);
            }
            alice.chat().send("bye room");
            bob.events().awaitMessage("Alice", "bye room");
            carol.events().awaitMessage("Alice", "bye room");

            long withBob = latestEpoch.get("Alice>Bob");
            long withCarol = latestEpoch.get("Alice>Carol");
            assertThat(withBob).as("Alice's epochs towards Bob: a step at each of their turns").isGreaterThanOrEqualTo(7);
            assertThat(withCarol).as("towards Carol, who only read two room messages").isLessThanOrEqualTo(3);
            assertThat(carol.events().textsFrom("Alice")).containsExactly("hello room", "bye room");
        }
    }

    private static long epochOf(byte[] frame, EnvelopeHeader header) {
        int at = header.bodyOffset();
        return ((frame[at] & 0xFFL) << 24) | ((frame[at + 1] & 0xFFL) << 16) | ((frame[at + 2] & 0xFFL) << 8)
                | (frame[at + 3] & 0xFFL);
    }
}
