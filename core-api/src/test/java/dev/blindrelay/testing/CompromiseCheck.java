package dev.blindrelay.testing;

import dev.blindrelay.session.SecureSession;
import dev.blindrelay.testing.Conversation.Outcome;

import java.security.GeneralSecurityException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The compromise lesson as assertions, for a pair of sessions of any suite: a thief copies Bob's whole state after
 * message {@link #THEFT_AFTER} (after message {@link #DELAYED} arrived late) and keeps the relay's recording of everything.
 */
public final class CompromiseCheck {

    public static final int THEFT_AFTER = 4;
    /** Held back by the relay until after message 4, so that its key is skipped, kept, used and erased. */
    public static final int DELAYED = 3;

    private CompromiseCheck() {
    }

    /**
     * Ratchet: nothing before the theft is readable (forward secrecy), nothing after both sides have stepped since the
     * theft is readable (post-compromise security), and something in between is (so the thief is real).
     */
    public static void ratchet(SecureSession alice, SecureSession bob) throws GeneralSecurityException {
        Conversation conversation = new Conversation();
        List<Outcome> outcomes = conversation.run(alice, bob, Conversation.script(), THEFT_AFTER, DELAYED);
        int healed = bothStepped(conversation);
        assertThat(healed).as("Bob, then Alice, stepped after the theft, within the script").isPositive();
        for (Outcome outcome : outcomes) {
            if (!outcome.afterTheft()) {
                assertThat(outcome.readable()).as("message %d, before the theft: forward secrecy", outcome.number())
                        .isFalse();
            } else if (outcome.frameIndex() >= healed) {
                assertThat(outcome.readable()).as("message %d, after both sides stepped: post-compromise security",
                        outcome.number()).isFalse();
            }
        }
        assertThat(outcomes.stream().filter(o -> o.afterTheft() && o.frameIndex() < healed))
                .as("messages between the theft and the steps: some readable, or the thief is not real")
                .anyMatch(Outcome::readable);
    }

    /** Static keys: the thief reads every message, before and after. */
    public static void staticKeys(SecureSession alice, SecureSession bob) throws GeneralSecurityException {
        List<Outcome> outcomes = new Conversation().run(alice, bob, Conversation.script(), THEFT_AFTER, 0);
        assertThat(outcomes).allMatch(Outcome::readable);
    }

    /**
     * The index of the first recorded frame from which on nothing may be readable: the thief copied Bob, so the
     * session heals once Bob has stepped (with randomness the thief never saw) and Alice has then stepped too (her
     * new chain answers Bob's new share, whose private key the thief never had). A step of Alice's before Bob's
     * answers the share the thief copied, and does not count. Epochs are read from the wire (the u32 right after
     * the envelope header).
     */
    static int bothStepped(Conversation conversation) {
        List<byte[]> recording = conversation.recording();
        long[] epoch = new long[2];
        boolean bobStepped = false;
        for (int i = 0; i < recording.size(); i++) {
            byte[] frame = recording.get(i);
            int side = TestFrames.header(frame).sender().equals("Alice") ? 0 : 1;
            long now = epochOf(frame);
            boolean stepped = now > epoch[side];
            epoch[side] = now;
            if (i < conversation.theftFrame() || !stepped) {
                continue;
            }
            if (side == 1) {
                bobStepped = true;
            } else if (bobStepped) {
                return i;
            }
        }
        return -1;
    }

    private static long epochOf(byte[] frame) {
        int at = TestFrames.header(frame).bodyOffset();
        return ((frame[at] & 0xFFL) << 24) | ((frame[at + 1] & 0xFFL) << 16) | ((frame[at + 2] & 0xFFL) << 8)
                | (frame[at + 3] & 0xFFL);
    }
}
