package dev.blindrelay.relay;

import dev.blindrelay.testing.RecordingLink;
import dev.blindrelay.wire.FrameType;
import dev.blindrelay.wire.MalformedFrameException;
import dev.blindrelay.wire.RelayMessages;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.Arrays;

import static dev.blindrelay.testing.TestFrames.data;
import static dev.blindrelay.testing.TestFrames.join;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The router's short way ({@link Route}), taken only without an observer and once a frame went the full way: it
 * must decide exactly as the full way does. Frames arrive as transient views, as the tcp relay hands them on.
 */
class RouteTest {

    private static final String ROOM = "lobby";
    private final RelayRouter router = new RelayRouter(RelayLimits.defaults(), RelayObserver.NONE);

    @AfterEach
    void close() {
        router.close();
    }

    private RecordingLink member(String name, String room) {
        RecordingLink link = new RecordingLink(name + "-link");
        router.connected(link);
        router.frameReceived(link, join(name, room));
        assertThat(link.last().type()).as("%s joined", name).isEqualTo(FrameType.WELCOME);
        link.clear();
        return link;
    }

    /** Hands the frame on as a view into a larger buffer, then overwrites it, as a reused read buffer would be. */
    private void receiveView(RecordingLink link, byte[] frame) {
        ByteBuffer read = ByteBuffer.allocate(frame.length + 10);
        read.position(7);
        read.put(frame);
        ByteBuffer view = read.duplicate().position(7).limit(7 + frame.length).slice();
        router.frameReceived(link, view);
        Arrays.fill(read.array(), (byte) 0x55);
    }

    private static String lastError(RecordingLink link) throws MalformedFrameException {
        assertThat(link.last().type()).isEqualTo(FrameType.ERROR);
        return RelayMessages.parseError(link.last().body()).reason();
    }

    @Test
    void manyFramesAsViews_arriveUnchangedAndInOrder() {
        RecordingLink alice = member("alice", ROOM);
        RecordingLink bob = member("bob", ROOM);
        alice.clear();
        for (int i = 0; i < 50; i++) {
            receiveView(alice, data("alice", "bob", ROOM, new byte[] {(byte) i, 2, 3}));
        }
        assertThat(bob.frames()).hasSize(50);
        for (int i = 0; i < 50; i++) {
            assertThat(bob.frames().get(i)).isEqualTo(data("alice", "bob", ROOM, new byte[] {(byte) i, 2, 3}));
        }
        assertThat(alice.frames()).isEmpty();
    }

    @Test
    void recipientLeftAndANewMemberTookTheName_framesGoToTheNewOne() {
        RecordingLink alice = member("alice", ROOM);
        RecordingLink bob = member("bob", ROOM);
        receiveView(alice, data("alice", "bob", ROOM, new byte[] {1}));
        router.disconnected(bob);
        RecordingLink newBob = member("bob", ROOM);
        receiveView(alice, data("alice", "bob", ROOM, new byte[] {2}));

        assertThat(bob.frames()).hasSize(1);
        assertThat(newBob.frames()).hasSize(1);
        assertThat(newBob.envelopes().get(0).body()).containsExactly(2);
    }

    @Test
    void recipientLeft_theNextFrameIsANonFatalError() throws Exception {
        RecordingLink alice = member("alice", ROOM);
        RecordingLink bob = member("bob", ROOM);
        receiveView(alice, data("alice", "bob", ROOM, new byte[] {1}));
        router.disconnected(bob);
        alice.clear();
        receiveView(alice, data("alice", "bob", ROOM, new byte[] {2}));

        assertThat(lastError(alice)).contains("no member 'bob'");
        assertThat(alice.isClosed()).isFalse();
        assertThat(bob.frames()).hasSize(1);
    }

    @Test
    void afterTheShortWayWasLearned_aSpoofedSenderIsStillRefused() throws Exception {
        RecordingLink alice = member("alice", ROOM);
        RecordingLink bob = member("bob", ROOM);
        member("carol", ROOM);
        bob.clear();
        receiveView(alice, data("alice", "bob", ROOM, new byte[] {1}));
        receiveView(alice, data("carol", "bob", ROOM, new byte[] {2}));

        assertThat(lastError(alice)).contains("claims sender 'carol'");
        assertThat(alice.isClosed()).isTrue();
        assertThat(bob.frames()).hasSize(1);
    }

    @Test
    void afterTheShortWayWasLearned_anotherRecipientIsLookedUp() {
        RecordingLink alice = member("alice", ROOM);
        RecordingLink bob = member("bob", ROOM);
        RecordingLink carol = member("carol", ROOM);
        bob.clear();
        receiveView(alice, data("alice", "bob", ROOM, new byte[] {1}));
        receiveView(alice, data("alice", "carol", ROOM, new byte[] {2}));
        receiveView(alice, data("alice", "bob", ROOM, new byte[] {3}));

        assertThat(bob.envelopes()).extracting(envelope -> envelope.body()[0]).containsExactly((byte) 1, (byte) 3);
        assertThat(carol.envelopes()).extracting(envelope -> envelope.body()[0]).containsExactly((byte) 2);
    }

    /** Names longer than the eight bytes compared at a time: a difference in a word or in the tail after it. */
    @Test
    void longNames_aDifferenceAnywhereInAWordOrTheTail_goesTheFullWay() throws Exception {
        String room = "a-room-with-a-long-name";
        RecordingLink alice = member("alice-with-a-long-name", room);
        RecordingLink bob = member("bob-with-a-long-name-1", room);
        RecordingLink bob2 = member("bob-with-a-long-name-2", room);
        RecordingLink bobx = member("bob-xith-a-long-name-1", room);
        bob.clear();
        bob2.clear();
        receiveView(alice, data("alice-with-a-long-name", "bob-with-a-long-name-1", room, new byte[] {1}));
        receiveView(alice, data("alice-with-a-long-name", "bob-with-a-long-name-2", room, new byte[] {2}));
        receiveView(alice, data("alice-with-a-long-name", "bob-with-a-long-name-1", room, new byte[] {3}));
        receiveView(alice, data("alice-with-a-long-name", "bob-xith-a-long-name-1", room, new byte[] {4}));
        receiveView(alice, data("alice-with-a-long-name", "bob-with-a-long-name-1", room, new byte[] {5}));

        assertThat(bob.envelopes()).extracting(envelope -> envelope.body()[0]).containsExactly((byte) 1, (byte) 3,
                (byte) 5);
        assertThat(bob2.envelopes()).extracting(envelope -> envelope.body()[0]).containsExactly((byte) 2);
        assertThat(bobx.envelopes()).extracting(envelope -> envelope.body()[0]).containsExactly((byte) 4);

        receiveView(alice, data("alice-with-a-long-name", "bob-with-a-long-name-1", "a-room-with-a-long-namf",
                new byte[] {6}));
        assertThat(lastError(alice)).contains("in room 'a-room-with-a-long-namf'");
        assertThat(bob.envelopes()).hasSize(3);
    }

    @Test
    void aFrameThatIsNotPeerToPeer_goesTheFullWay() throws Exception {
        RecordingLink alice = member("alice", ROOM);
        RecordingLink bob = member("bob", ROOM);
        receiveView(alice, data("alice", "bob", ROOM, new byte[] {1}));
        receiveView(alice, join("alice", ROOM));

        assertThat(lastError(alice)).contains("already joined room 'lobby' as 'alice'");
        assertThat(bob.frames()).hasSize(1);
    }
}
