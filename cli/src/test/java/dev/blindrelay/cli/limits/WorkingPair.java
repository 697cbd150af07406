package dev.blindrelay.cli.limits;

import dev.blindrelay.testing.TestFrames;
import dev.blindrelay.wire.FrameType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** Two well-behaved clients in one room: the bystanders that must not notice another client's fate. */
final class WorkingPair implements AutoCloseable {

    private static final String ROOM = "bystanders";

    private final RawClient alice;
    private final RawClient bob;
    private int exchanged;

    private WorkingPair(RawClient alice, RawClient bob) {
        this.alice = alice;
        this.bob = bob;
    }

    static WorkingPair join(LiveRelay relay) throws IOException {
        RawClient alice = relay.join("alice", ROOM);
        return new WorkingPair(alice, relay.join("bob", ROOM));
    }

    /** A frame each way still gets through, unchanged. */
    void assertStillChatting() throws IOException {
        exchanged++;
        byte[] toBob = ("to bob #" + exchanged).getBytes(StandardCharsets.UTF_8);
        byte[] toAlice = ("to alice #" + exchanged).getBytes(StandardCharsets.UTF_8);
        alice.send(TestFrames.data("alice", "bob", ROOM, toBob));
        bob.send(TestFrames.data("bob", "alice", ROOM, toAlice));
        assertThat(bob.readUntil(FrameType.DATA).body()).isEqualTo(toBob);
        assertThat(alice.readUntil(FrameType.DATA).body()).isEqualTo(toAlice);
    }

    @Override
    public void close() throws IOException {
        alice.close();
        bob.close();
    }
}
