package dev.blindrelay.cli.e2e;

import dev.blindrelay.testing.ChatHarness;
import dev.blindrelay.testing.ChatHarness.Client;
import dev.blindrelay.testing.TestFrames;
import dev.blindrelay.wire.EnvelopeHeader;
import dev.blindrelay.wire.FrameType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A malicious relay that attacks the very frame that carries a ratchet step (PROTOCOL.md §8.2): the step's key
 * material rides on every message of the epoch until the receiver has seen it, so a tampered, dropped, replayed or
 * reflected step frame is rejected or lost, and the ratchet still turns with the next message.
 */
class RatchetInFlightTest {

    private ChatHarness relay;
    private Client alice;
    private Client bob;

    @BeforeEach
    void pair() throws Exception {
        relay = Plugins.relay("tcp");
        alice = relay.join("Alice");
        bob = relay.join("Bob"); // Bob joined later: he initiates, and Alice's first step answers his first share
        alice.events().awaitSecured("Bob");
        bob.events().awaitSecured("Alice");
    }

    @AfterEach
    void close() {
        relay.close();
    }

    /** True for a DATA frame whose ratchet fields carry a step: key material with a response (§8.2). */
    static boolean carriesStep(byte[] frame) {
        EnvelopeHeader header = TestFrames.header(frame);
        int keys = header.bodyOffset() + 16;
        return header.type() == FrameType.DATA && frame[keys] == 1
                && ((frame[keys + 1] & 0xFF) << 8 | (frame[keys + 2] & 0xFF)) > 0;
    }

    /** Applies {@code attack} to the first frame from Alice to Bob that carries a step; the rest passes. */
    private CompletableFuture<byte[]> onAlicesStep(Function<byte[], List<byte[]>> attack) {
        CompletableFuture<byte[]> seen = new CompletableFuture<>();
        relay.relay().intercept((to, frame) -> {
            EnvelopeHeader header = TestFrames.header(frame);
            if (!seen.isDone() && header.sender().equals("Alice") && carriesStep(frame)) {
                seen.complete(frame);
                return attack.apply(frame);
            }
            return List.of(frame);
        });
        // Bob's message gives Alice his share; her acknowledgement of it is her first step.
        bob.chat().send("your turn");
        return seen;
    }

    /** Alice's next message still carries the step (Bob has not seen her epoch), so Bob takes it and reads it. */
    private void theRatchetTurnsOn() {
        relay.relay().passThrough();
        alice.chat().send("after the attack");
        bob.events().awaitMessage("Alice", "after the attack");
        bob.chat().send("and back");
        alice.events().awaitMessage("Bob", "and back");
        assertThat(bob.events().textsFrom("Alice")).containsExactly("after the attack");
    }

    @Test
    void tamperedStep_isRejected_andTheNextMessageCarriesTheStepAgain() throws Exception {
        onAlicesStep(frame -> List.of(TestFrames.flip(frame, -1))).get(10, TimeUnit.SECONDS);
        assertThat(bob.events().awaitWarningContaining("tampered")).contains("Alice");
        theRatchetTurnsOn();
    }

    @Test
    void tamperedKeyMaterial_isRejected_andNothingChanges() throws Exception {
        onAlicesStep(frame -> {
            // A byte inside the response: the secret Bob computes differs, and the tag (over it, too) fails.
            int response = TestFrames.header(frame).bodyOffset() + 16 + 3;
            return List.of(TestFrames.flip(frame, response + 5));
        }).get(10, TimeUnit.SECONDS);
        assertThat(bob.events().awaitWarningContaining("rejected")).contains("Alice");
        theRatchetTurnsOn();
    }

    @Test
    void droppedStep_theNextMessageCarriesIt() throws Exception {
        onAlicesStep(frame -> List.of()).get(10, TimeUnit.SECONDS);
        theRatchetTurnsOn();
    }

    @Test
    void replayedStep_isRejected() throws Exception {
        onAlicesStep(frame -> List.of(frame, frame)).get(10, TimeUnit.SECONDS);
        assertThat(bob.events().awaitWarningContaining("replayed")).contains("Alice");
        theRatchetTurnsOn();
    }

    @Test
    void reflectedStep_isRejected() throws Exception {
        byte[] step = onAlicesStep(List::of).get(10, TimeUnit.SECONDS);
        relay.relay().injectToMember(ChatHarness.ROOM, "Alice", step);
        assertThat(alice.events().awaitWarningContaining("reflected")).contains("DATA");
        theRatchetTurnsOn();
    }
}
