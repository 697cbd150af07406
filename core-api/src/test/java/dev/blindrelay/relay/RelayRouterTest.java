package dev.blindrelay.relay;

import dev.blindrelay.testing.RecordingLink;
import dev.blindrelay.wire.Envelope;
import dev.blindrelay.wire.EnvelopeHeader;
import dev.blindrelay.wire.FrameType;
import dev.blindrelay.wire.MalformedFrameException;
import dev.blindrelay.wire.RelayMessages;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static dev.blindrelay.testing.TestFrames.data;
import static dev.blindrelay.testing.TestFrames.join;
import static dev.blindrelay.testing.TestFrames.peer;
import static dev.blindrelay.testing.TestFrames.ping;
import static org.assertj.core.api.Assertions.assertThat;

class RelayRouterTest {

    private static final String ROOM = "lobby";
    private static final byte[] BODY = {1, 2, 3};

    private final RecordingObserver observer = new RecordingObserver();
    private final List<RelayRouter> routers = new ArrayList<>();
    private RelayRouter router = router(RelayLimits.defaults());

    /** Records what the router reports, for checks that it reports what it does. */
    private static final class RecordingObserver implements RelayObserver {
        final List<String> events = Collections.synchronizedList(new ArrayList<>());
        final List<byte[]> forwarded = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void forwarded(EnvelopeHeader header, byte[] frame) {
            forwarded.add(frame);
        }

        @Override
        public void joined(String room, String name, String link) {
            events.add("joined " + name + "@" + room);
        }

        @Override
        public void left(String room, String name, String link) {
            events.add("left " + name + "@" + room);
        }

        @Override
        public void refused(String link, String reason) {
            events.add("refused " + link + ": " + reason);
        }
    }

    private RelayRouter router(RelayLimits limits) {
        RelayRouter created = new RelayRouter(limits, observer);
        routers.add(created);
        return created;
    }

    @AfterEach
    void closeRouters() {
        routers.forEach(RelayRouter::close);
    }

    private RecordingLink connect(String description) {
        RecordingLink link = new RecordingLink(description);
        router.connected(link);
        return link;
    }

    /** Connects and joins; clears the WELCOME so that each test sees only what follows. */
    private RecordingLink member(String name, String room) {
        RecordingLink link = connect(name + "-link");
        router.frameReceived(link, join(name, room));
        assertThat(link.last().type()).as("%s joined", name).isEqualTo(FrameType.WELCOME);
        link.clear();
        return link;
    }

    private RecordingLink member(String name) {
        return member(name, ROOM);
    }

    private static RelayMessages.RelayError error(Envelope envelope) throws MalformedFrameException {
        assertThat(envelope.type()).isEqualTo(FrameType.ERROR);
        return RelayMessages.parseError(envelope.body());
    }

    private static void assertRefused(RecordingLink link, String reasonContaining) throws Exception {
        RelayMessages.RelayError error = error(link.last());
        assertThat(error.fatal()).isTrue();
        assertThat(error.reason()).contains(reasonContaining);
        assertThat(link.isClosed()).isTrue();
    }

    @Test
    void join_welcomeListsExistingMembersAndOthersHearOfIt() throws Exception {
        RecordingLink alice = connect("alice-link");
        router.frameReceived(alice, join("alice", ROOM));
        Envelope welcome = alice.last();
        assertThat(welcome.type()).isEqualTo(FrameType.WELCOME);
        assertThat(welcome.sender()).isEmpty();
        assertThat(welcome.recipient()).isEqualTo("alice");
        assertThat(welcome.room()).isEqualTo(ROOM);
        assertThat(RelayMessages.parseMembers(welcome.body())).isEmpty();

        RecordingLink bob = member("bob");
        assertThat(alice.last().type()).isEqualTo(FrameType.PEER_JOINED);
        assertThat(RelayMessages.parseName(alice.last().body())).isEqualTo("bob");

        RecordingLink carol = connect("carol-link");
        router.frameReceived(carol, join("carol", ROOM));
        assertThat(RelayMessages.parseMembers(carol.last().body())).containsExactlyInAnyOrder("alice", "bob");
        assertThat(RelayMessages.parseName(bob.last().body())).isEqualTo("carol");
        assertThat(router.membersOf(ROOM)).containsExactlyInAnyOrder("alice", "bob", "carol");
        assertThat(observer.events).contains("joined alice@lobby", "joined bob@lobby", "joined carol@lobby");
    }

    @Test
    void join_nameTakenRefusedAndOriginalUnaffected() throws Exception {
        RecordingLink alice = member("alice");
        RecordingLink bob = member("bob");
        alice.clear();
        RecordingLink impostor = connect("impostor-link");
        router.frameReceived(impostor, join("alice", ROOM));

        assertRefused(impostor, "already taken");
        assertThat(error(impostor.last()).reason()).contains("'alice'");
        router.disconnected(impostor);

        assertThat(alice.isClosed()).isFalse();
        assertThat(alice.frames()).isEmpty();
        assertThat(router.membersOf(ROOM)).containsExactlyInAnyOrder("alice", "bob");
        byte[] frame = data("bob", "alice", ROOM, BODY);
        router.frameReceived(bob, frame);
        assertThat(alice.frames()).containsExactly(frame);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ALICE", "Alice", "\u0410lice", "alIce", "\uFF41lice"})
    void join_aNameThatLooksTheSameIsRefusedWithTheReason_untilTheHolderLeaves(String lookAlike) throws Exception {
        RecordingLink alice = member("alice");
        RecordingLink impostor = connect("impostor-link");
        router.frameReceived(impostor, join(lookAlike, ROOM));

        assertRefused(impostor, "name '" + lookAlike + "' looks the same as 'alice', who is already in room 'lobby'");
        router.disconnected(impostor);
        assertThat(router.membersOf(ROOM)).containsExactly("alice");
        assertThat(member(lookAlike, "other-room")).as("other rooms are not affected").isNotNull();

        router.disconnected(alice);
        assertThat(member(lookAlike)).as("free again once alice left").isNotNull();
        assertThat(router.membersOf(ROOM)).containsExactly(lookAlike);
    }

    @Test
    void join_sameNameAllowedInTwoRoomsAndFramesNeverCross() throws Exception {
        RecordingLink aliceA = member("alice", "room-a");
        RecordingLink bobA = member("bob", "room-a");
        RecordingLink aliceB = member("alice", "room-b");
        RecordingLink bobB = member("bob", "room-b");
        aliceA.clear();
        aliceB.clear();

        byte[] inA = data("alice", "bob", "room-a", BODY);
        router.frameReceived(aliceA, inA);
        byte[] inB = data("alice", "bob", "room-b", new byte[] {9});
        router.frameReceived(aliceB, inB);

        assertThat(bobA.frames()).containsExactly(inA);
        assertThat(bobB.frames()).containsExactly(inB);
        assertThat(router.membersOf("room-a")).containsExactlyInAnyOrder("alice", "bob");
        assertThat(router.membersOf("room-b")).containsExactlyInAnyOrder("alice", "bob");
    }

    @Test
    void forward_toMemberOfAnotherRoomIsUnknown() throws Exception {
        RecordingLink alice = member("alice", "room-a");
        RecordingLink carol = member("carol", "room-b");
        router.frameReceived(alice, data("alice", "carol", "room-a", BODY));
        assertThat(carol.frames()).isEmpty();
        assertThat(error(alice.last()).fatal()).isFalse();
        assertThat(alice.isClosed()).isFalse();
    }

    @Test
    void forward_deliversTheIdenticalArrayUnchanged() {
        RecordingLink alice = member("alice");
        RecordingLink bob = member("bob");
        alice.clear();
        byte[] frame = data("alice", "bob", ROOM, BODY);
        byte[] copy = frame.clone();
        router.frameReceived(alice, frame);

        assertThat(bob.frames()).hasSize(1);
        assertThat(bob.frames().get(0)).isSameAs(frame).isEqualTo(copy);
        assertThat(alice.frames()).isEmpty();
        assertThat(observer.forwarded).containsExactly(frame);
    }

    @Test
    void forward_everyPeerToPeerType() {
        RecordingLink alice = member("alice");
        RecordingLink bob = member("bob");
        List<FrameType> types = List.of(FrameType.HANDSHAKE_INIT, FrameType.HANDSHAKE_RESPONSE,
                FrameType.HANDSHAKE_FINISH, FrameType.HANDSHAKE_REJECT, FrameType.DATA);
        for (FrameType type : types) {
            router.frameReceived(alice, peer(type, "alice", "bob", ROOM, BODY));
        }
        assertThat(bob.types()).isEqualTo(types);
    }

    @Test
    void forward_spoofedSenderRefused() throws Exception {
        RecordingLink alice = member("alice");
        RecordingLink bob = member("bob");
        RecordingLink carol = member("carol");
        bob.clear();
        router.frameReceived(alice, data("carol", "bob", ROOM, BODY));

        assertRefused(alice, "claims sender 'carol'");
        assertThat(bob.frames()).isEmpty();
        assertThat(carol.isClosed()).isFalse();
    }

    @Test
    void forward_spoofedRoomRefused() throws Exception {
        RecordingLink alice = member("alice", "room-a");
        RecordingLink bobB = member("bob", "room-b");
        router.frameReceived(alice, data("alice", "bob", "room-b", BODY));

        assertRefused(alice, "in room 'room-b'");
        assertThat(bobB.frames()).isEmpty();
    }

    @Test
    void forward_unknownRecipientIsANonFatalError() throws Exception {
        RecordingLink alice = member("alice");
        router.frameReceived(alice, data("alice", "nobody", ROOM, BODY));

        RelayMessages.RelayError error = error(alice.last());
        assertThat(error.fatal()).isFalse();
        assertThat(error.reason()).contains("no member 'nobody'");
        assertThat(alice.isClosed()).isFalse();
    }

    @Test
    void forward_toSelfOrToNobodyIsANonFatalError() throws Exception {
        RecordingLink alice = member("alice");
        router.frameReceived(alice, data("alice", "alice", ROOM, BODY));
        assertThat(error(alice.last()).fatal()).isFalse();
        router.frameReceived(alice, data("alice", "", ROOM, BODY));
        assertThat(error(alice.last()).fatal()).isFalse();
        assertThat(alice.ofType(FrameType.DATA)).isEmpty();
        assertThat(alice.isClosed()).isFalse();
    }

    @Test
    void forward_beforeJoinRefused() throws Exception {
        RecordingLink bob = member("bob");
        RecordingLink stranger = connect("stranger");
        router.frameReceived(stranger, data("alice", "bob", ROOM, BODY));

        assertRefused(stranger, "send JOIN before");
        assertThat(bob.frames()).isEmpty();
    }

    @Test
    void frameReceived_malformedFrameClosesOnlyThatLink() throws Exception {
        RecordingLink alice = member("alice");
        RecordingLink bob = member("bob");
        RecordingLink mallory = member("mallory");
        alice.clear();
        bob.clear();

        router.frameReceived(mallory, new byte[] {1, 0x20, 5, 'a'});
        assertRefused(mallory, "malformed frame");
        router.disconnected(mallory);

        assertThat(alice.isClosed()).isFalse();
        assertThat(bob.isClosed()).isFalse();
        byte[] frame = data("alice", "bob", ROOM, BODY);
        router.frameReceived(alice, frame);
        assertThat(bob.frames()).contains(frame);
    }

    @Test
    void frameReceived_unsupportedVersionRefused() throws Exception {
        RecordingLink link = connect("old-client");
        byte[] frame = join("alice", ROOM);
        frame[0] = 2;
        router.frameReceived(link, frame);
        assertRefused(link, "unsupported protocol version 2");
    }

    @Test
    void malformed_transportReportRefusesTheLink() throws Exception {
        RecordingLink alice = member("alice");
        router.malformed(alice, "frame of 2000000 bytes exceeds the limit");
        assertRefused(alice, "exceeds the limit");
    }

    @Test
    void frameReceived_relayOnlyTypesFromAClientRefused() throws Exception {
        for (FrameType type : List.of(FrameType.WELCOME, FrameType.PEER_JOINED, FrameType.PEER_LEFT, FrameType.ERROR,
                FrameType.NOTICE)) {
            RecordingLink link = member("x" + type.code());
            router.frameReceived(link, new Envelope(type, "x" + type.code(), "", ROOM, new byte[0]).encode());
            assertRefused(link, "may not send " + type);
        }
    }

    @Test
    void frameReceived_pingAnsweredAndPongIgnored() {
        RecordingLink alice = member("alice");
        router.frameReceived(alice, ping("alice", ROOM));
        assertThat(alice.types()).containsExactly(FrameType.PONG);
        Envelope pong = alice.last();
        assertThat(List.of(pong.sender(), pong.recipient(), pong.room())).containsExactly("", "alice", ROOM);
        router.frameReceived(alice, new Envelope(FrameType.PONG, "alice", "", ROOM, new byte[0]).encode());
        assertThat(alice.types()).containsExactly(FrameType.PONG);
        assertThat(alice.isClosed()).isFalse();
    }

    @Test
    void frameReceived_pingBeforeJoinRefusedUnanswered() throws Exception {
        RecordingLink stranger = connect("stranger");
        router.frameReceived(stranger, ping("", ""));
        assertThat(stranger.ofType(FrameType.PONG)).isEmpty();
        assertRefused(stranger, "send JOIN before any other frame");
    }

    @Test
    void frameReceived_pingOrPongOfAnotherShapeRefused() throws Exception {
        List<byte[]> misshapen = List.of(
                new Envelope(FrameType.PING, "", "", ROOM, new byte[0]).encode(),       // the relay's empty sender
                new Envelope(FrameType.PONG, "", "", ROOM, new byte[0]).encode(),
                new Envelope(FrameType.PING, "x", "bob", ROOM, new byte[0]).encode(),   // a recipient
                new Envelope(FrameType.PING, "x", "", "elsewhere", new byte[0]).encode(),
                new Envelope(FrameType.PING, "x", "", ROOM, new byte[] {1}).encode());  // a body
        for (byte[] frame : misshapen) {
            RecordingLink link = member("x");
            router.frameReceived(link, frame);
            assertThat(link.ofType(FrameType.PONG)).isEmpty();
            assertRefused(link, "with an empty body");
            router.disconnected(link);
        }
    }

    @Test
    void join_withABodyOrARecipientRefused() throws Exception {
        RecordingLink withBody = connect("with-body");
        router.frameReceived(withBody, new Envelope(FrameType.JOIN, "alice", "", ROOM, new byte[] {0}).encode());
        assertRefused(withBody, "a JOIN has an empty recipient and an empty body");
        RecordingLink withRecipient = connect("with-recipient");
        router.frameReceived(withRecipient, new Envelope(FrameType.JOIN, "alice", "bob", ROOM, new byte[0]).encode());
        assertRefused(withRecipient, "a JOIN has an empty recipient and an empty body");
        assertThat(router.membersOf(ROOM)).isEmpty();
    }

    @Test
    void forward_undefinedPeerToPeerTypesUnchanged() {
        RecordingLink alice = member("alice");
        RecordingLink bob = member("bob");
        alice.clear();
        for (int code : new int[] {0x14, 0x21, 0xff}) {
            byte[] frame = data("alice", "bob", ROOM, BODY);
            frame[1] = (byte) code;
            byte[] copy = frame.clone();
            router.frameReceived(alice, frame);
            assertThat(bob.frames()).last().isSameAs(frame);
            assertThat(frame).isEqualTo(copy);
        }
        assertThat(bob.frames()).hasSize(3);
        assertThat(alice.isClosed()).isFalse();
        assertThat(alice.frames()).isEmpty();
    }

    @Test
    void frameReceived_afterRefusalIgnored() throws Exception {
        RecordingLink bob = member("bob");
        RecordingLink mallory = member("mallory");
        router.frameReceived(mallory, data("alice", "bob", ROOM, BODY));
        assertRefused(mallory, "claims sender");
        router.frameReceived(mallory, data("mallory", "bob", ROOM, BODY));
        assertThat(bob.ofType(FrameType.DATA)).isEmpty();
        assertThat(mallory.framesAfterClose()).isZero();
    }

    @Test
    void join_twiceRefused() throws Exception {
        RecordingLink alice = member("alice");
        router.frameReceived(alice, join("alice2", ROOM));
        assertRefused(alice, "already joined room 'lobby' as 'alice'");
    }

    @Test
    void join_invalidNameOrRoomRefused() throws Exception {
        RecordingLink noRoom = connect("no-room");
        router.frameReceived(noRoom, join("alice", ""));
        assertRefused(noRoom, "room must not be empty");

        RecordingLink noName = connect("no-name");
        router.frameReceived(noName, join("", ROOM));
        assertRefused(noName, "name must not be empty");
        assertThat(router.membersOf(ROOM)).isEmpty();
    }

    @Test
    void stopping_closesOneByOneWithoutPeerLeft_soNobodyTakesTheOthersForGone() throws Exception {
        RecordingLink alice = member("alice");
        RecordingLink bob = member("bob");
        alice.clear();
        router.stopping();
        router.disconnected(bob); // the relay closes bob's connection before alice's

        assertThat(alice.types()).doesNotContain(FrameType.PEER_LEFT);
        assertThat(router.membersOf(ROOM)).containsExactly("alice");
    }

    @Test
    void disconnected_othersHearPeerLeftAndRoomIsForgotten() throws Exception {
        RecordingLink alice = member("alice");
        RecordingLink bob = member("bob");
        alice.clear();
        router.disconnected(bob);

        assertThat(alice.types()).containsExactly(FrameType.PEER_LEFT);
        assertThat(RelayMessages.parseName(alice.last().body())).isEqualTo("bob");
        assertThat(router.membersOf(ROOM)).containsExactly("alice");
        assertThat(observer.events).contains("left bob@lobby");

        router.disconnected(alice);
        assertThat(router.membersOf(ROOM)).isEmpty();
        assertThat(router.connectionCount()).isZero();
        // The name is free again.
        RecordingLink again = connect("bob-again");
        router.frameReceived(again, join("bob", ROOM));
        assertThat(again.last().type()).isEqualTo(FrameType.WELCOME);
    }

    @Test
    void disconnected_twiceOrUnknownLinkIsHarmless() {
        RecordingLink alice = member("alice");
        RecordingLink bob = member("bob");
        router.disconnected(bob);
        router.disconnected(bob);
        router.disconnected(new RecordingLink("never-connected"));
        assertThat(alice.ofType(FrameType.PEER_LEFT)).hasSize(1);
        assertThat(router.connectionCount()).isEqualTo(1);
    }

    @Test
    void disconnected_unjoinedLinkTellsNobody() {
        RecordingLink alice = member("alice");
        RecordingLink idle = connect("idle");
        router.disconnected(idle);
        assertThat(alice.frames()).isEmpty();
        assertThat(router.connectionCount()).isEqualTo(1);
    }

    @Test
    void connected_beyondMaxConnectionsRefused() throws Exception {
        router = router(RelayLimits.defaults().withMaxConnections(2));
        RecordingLink first = connect("first");
        RecordingLink second = connect("second");
        RecordingLink third = connect("third");

        assertRefused(third, "relay is full (2 connections)");
        assertThat(first.isClosed()).isFalse();
        assertThat(second.isClosed()).isFalse();

        router.disconnected(third);
        router.disconnected(first);
        assertThat(router.connectionCount()).isEqualTo(1);
        RecordingLink fourth = connect("fourth");
        router.frameReceived(fourth, join("dave", ROOM));
        assertThat(fourth.last().type()).isEqualTo(FrameType.WELCOME);
        assertThat(fourth.isClosed()).isFalse();
    }

    @Test
    void connected_withoutJoinClosedAfterTimeout() throws Exception {
        router = router(RelayLimits.defaults().withJoinTimeout(Duration.ofMillis(150)));
        RecordingLink joined = connect("joined");
        router.frameReceived(joined, join("alice", ROOM));
        RecordingLink idle = connect("idle");

        idle.awaitClosed(Duration.ofSeconds(5));
        assertRefused(idle, "no JOIN within");
        // The join timer of the joined link fired at about the same time, and did nothing.
        RecordingLink later = connect("later");
        later.awaitClosed(Duration.ofSeconds(5));
        assertThat(joined.isClosed()).isFalse();
        assertThat(joined.types()).containsExactly(FrameType.WELCOME);
    }

    @Test
    void frameReceived_beyondRateLimitRefused() throws Exception {
        router = router(RelayLimits.defaults().withRateLimit(1, 3));
        RecordingLink alice = connect("alice");
        RecordingLink bob = member("bob");
        router.frameReceived(alice, join("alice", ROOM));
        // The JOIN took one token of the burst of 3: two more frames pass, the next one is refused
        // (unless this thread stalls for a second, hence the loop rather than exactly four frames).
        int sent = 0;
        while (!alice.isClosed() && sent < 50) {
            router.frameReceived(alice, data("alice", "bob", ROOM, BODY));
            sent++;
        }

        assertRefused(alice, "rate limit exceeded (1 frames/s)");
        assertThat(bob.ofType(FrameType.DATA)).hasSizeGreaterThanOrEqualTo(2).hasSize(sent - 1);
        assertThat(bob.isClosed()).isFalse();
    }

    @Test
    void forward_unwritableTargetPausesTheSenderUntilItDrains() {
        RecordingLink alice = member("alice");
        RecordingLink bob = member("bob");
        RecordingLink carol = member("carol");
        bob.writable(false).queuedBytes(1000);

        router.frameReceived(alice, data("alice", "bob", ROOM, BODY));
        router.frameReceived(carol, data("carol", "bob", ROOM, BODY));
        assertThat(bob.ofType(FrameType.DATA)).hasSize(2);
        assertThat(alice.isReading()).isFalse();
        assertThat(carol.isReading()).isFalse();

        router.writabilityChanged(bob);
        assertThat(alice.isReading()).as("still not writable: stays paused").isFalse();

        bob.writable(true).queuedBytes(0);
        router.writabilityChanged(bob);
        assertThat(alice.isReading()).isTrue();
        assertThat(carol.isReading()).isTrue();
        assertThat(alice.readingCalls()).containsExactly(false, true);
        assertThat(bob.isAborted()).isFalse();
    }

    @Test
    void forward_pausedSenderResumedWhenTheTargetLeaves() {
        RecordingLink alice = member("alice");
        RecordingLink bob = member("bob");
        bob.writable(false);
        router.frameReceived(alice, data("alice", "bob", ROOM, BODY));
        assertThat(alice.isReading()).isFalse();

        router.disconnected(bob);
        assertThat(alice.isReading()).isTrue();
    }

    @Test
    void forward_targetOverMaxQueuedBytesAborted() {
        router = router(RelayLimits.defaults().withMaxQueuedBytes(10_000));
        RecordingLink alice = member("alice");
        RecordingLink bob = member("bob");
        bob.writable(false).queuedBytes(10_001);

        router.frameReceived(alice, data("alice", "bob", ROOM, BODY));

        assertThat(bob.isAborted()).isTrue();
        assertThat(alice.isReading()).as("the fast sender is not punished").isTrue();
        assertThat(alice.isClosed()).isFalse();
        assertThat(observer.events).anyMatch(e -> e.startsWith("refused bob-link: too slow"));

        router.frameReceived(alice, data("alice", "bob", ROOM, BODY));
        assertThat(bob.ofType(FrameType.DATA)).as("nothing more is queued for an aborted link").hasSize(1);
    }

    @Test
    void broadcastNotice_reachesEveryConnection() throws Exception {
        RecordingLink alice = member("alice", "room-a");
        RecordingLink bob = member("bob", "room-b");
        RecordingLink idle = connect("idle");
        router.broadcastNotice("relay is shutting down");

        for (RecordingLink link : List.of(alice, bob, idle)) {
            assertThat(link.last().type()).isEqualTo(FrameType.NOTICE);
            assertThat(RelayMessages.parseText(link.last().body())).isEqualTo("relay is shutting down");
        }
        assertThat(alice.last().recipient()).isEqualTo("alice");
        assertThat(idle.last().recipient()).isEmpty();
    }

    @Test
    void refuse_reasonReportedToObserverAndLinkClosedOnce() throws Exception {
        RecordingLink stranger = connect("stranger");
        router.frameReceived(stranger, data("x", "y", ROOM, BODY));
        router.malformed(stranger, "again");
        assertThat(stranger.ofType(FrameType.ERROR)).hasSize(1);
        assertThat(observer.events).filteredOn(e -> e.startsWith("refused stranger")).hasSize(1);
    }
}
