package dev.blindrelay.cli.e2e;

import dev.blindrelay.testing.ChatHarness;
import dev.blindrelay.testing.ChatHarness.Client;
import dev.blindrelay.testing.InterceptingHandler;
import dev.blindrelay.testing.TestFrames;
import dev.blindrelay.wire.EnvelopeHeader;
import dev.blindrelay.wire.FrameType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A malicious relay over real TCP, in a room of three: whatever it does to Alice's messages for Bob
 * (replay, tamper, reflect, drop, reorder, inject), Bob notices, the chat goes on, and Carol, in the
 * same room, is not affected.
 */
class MaliciousRelayTest {

    private ChatHarness relay;
    private Client alice;
    private Client bob;
    private Client carol;

    @BeforeEach
    void roomOfThree() throws Exception {
        relay = Plugins.relay("tcp");
        alice = relay.join("Alice");
        bob = relay.join("Bob");
        carol = relay.join("Carol");
        for (Client a : List.of(alice, bob, carol)) {
            for (Client b : List.of(alice, bob, carol)) {
                if (a != b) {
                    a.events().awaitSecured(b.name());
                }
            }
        }
    }

    @AfterEach
    void close() {
        relay.close();
    }

    /** Applies {@code attack} to the next DATA frame from Alice to Bob; everything else passes. */
    private CompletableFuture<byte[]> onNextAliceToBob(Function<byte[], List<byte[]>> attack) {
        CompletableFuture<byte[]> seen = new CompletableFuture<>();
        relay.relay().intercept((to, frame) -> {
            EnvelopeHeader header = TestFrames.header(frame);
            if (!seen.isDone() && header.type() == FrameType.DATA && header.sender().equals("Alice")
                    && header.recipient().equals("Bob")) {
                seen.complete(frame);
                return attack.apply(frame);
            }
            return List.of(frame);
        });
        return seen;
    }

    /** After the attack: Alice's next message reaches Bob, and Carol got every message exactly once. */
    private void chatGoesOn(String... expectedAtBob) {
        relay.relay().passThrough();
        alice.chat().send("still here");
        bob.events().awaitMessage("Alice", "still here");
        carol.events().awaitMessage("Alice", "still here");
        List<String> atBob = new ArrayList<>(List.of(expectedAtBob));
        atBob.add("still here");
        assertThat(bob.events().textsFrom("Alice")).containsExactlyElementsOf(atBob);
        assertThat(carol.events().textsFrom("Alice")).containsExactly("one", "still here");
    }

    @Test
    void replay_isRejected() throws Exception {
        onNextAliceToBob(frame -> List.of(frame, frame));
        alice.chat().send("one");
        assertThat(bob.events().awaitWarningContaining("replayed")).contains("Alice");
        chatGoesOn("one");
    }

    @Test
    void tamper_isRejected() throws Exception {
        onNextAliceToBob(frame -> {
            byte[] changed = frame.clone();
            changed[changed.length - 20] ^= 0x01;
            return List.of(changed);
        });
        alice.chat().send("one");
        assertThat(bob.events().awaitWarningContaining("tampered")).contains("Alice");
        chatGoesOn();
    }

    @Test
    void reflectionToTheSender_isRejected() throws Exception {
        CompletableFuture<byte[]> frame = onNextAliceToBob(List::of);
        alice.chat().send("one");
        relay.relay().injectToMember(ChatHarness.ROOM, "Alice", frame.get(10, TimeUnit.SECONDS));
        assertThat(alice.events().awaitWarningContaining("reflected")).contains("DATA");
        chatGoesOn("one");
    }

    @Test
    void drop_isReportedWithTheNextMessage() throws Exception {
        onNextAliceToBob(frame -> List.of());
        alice.chat().send("one");
        carol.events().awaitMessage("Alice", "one");
        relay.relay().passThrough();
        alice.chat().send("still here");
        assertThat(bob.events().awaitWarningContaining("missing (dropped")).contains("1 message").contains("Alice");
        bob.events().awaitMessage("Alice", "still here");
        assertThat(bob.events().textsFrom("Alice")).containsExactly("still here");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (alice.chat().pendingDeliveries() > 1 && System.nanoTime() < deadline) {
            Thread.sleep(10); // the acks for "still here" are on their way
        }
        assertThat(alice.chat().pendingDeliveries()).as("the dropped message stays unacknowledged").isEqualTo(1);
    }

    /**
     * The ratchet kept the key of the held-back message: it opens once, late, with a warning; a replay of it then
     * finds no key. (A static session rejects it: see ChatClientTest.)
     */
    @Test
    void reorder_olderMessageIsShownOnceLate_andItsReplayRejected() throws Exception {
        List<byte[]> held = new ArrayList<>();
        relay.relay().intercept((to, frame) -> {
            EnvelopeHeader header = TestFrames.header(frame);
            if (header.type() == FrameType.DATA && header.sender().equals("Alice") && header.recipient().equals("Bob")) {
                held.add(frame);
                return held.size() == 2 ? List.of(held.get(1), held.get(0), held.get(0)) : List.of();
            }
            return List.of(frame);
        });
        alice.chat().send("one");
        alice.chat().send("two");
        assertThat(bob.events().awaitWarningContaining("arrived late")).contains("Alice", "reordered");
        assertThat(bob.events().awaitWarningContaining("replayed")).contains("Alice");
        bob.events().awaitMessage("Alice", "one");
        relay.relay().passThrough();
        alice.chat().send("still here");
        bob.events().awaitMessage("Alice", "still here");
        assertThat(bob.events().textsFrom("Alice")).containsExactly("two", "one", "still here");
    }

    @Test
    void injectedMessage_isRejectedAsForged() throws Exception {
        byte[] body = new byte[8 + 40];
        body[7] = 5; // a plausible counter, then garbage where the ciphertext should be
        relay.relay().injectToMember(ChatHarness.ROOM, "Bob", TestFrames.data("Alice", "Bob", ChatHarness.ROOM, body));
        assertThat(bob.events().awaitWarningContaining("forged")).contains("Alice");
        alice.chat().send("one");
        bob.events().awaitMessage("Alice", "one");
        carol.events().awaitMessage("Alice", "one");
        chatGoesOn("one");
    }
}
