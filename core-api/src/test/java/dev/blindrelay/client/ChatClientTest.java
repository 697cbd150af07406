package dev.blindrelay.client;

import dev.blindrelay.identity.KnownPeers;
import dev.blindrelay.session.SessionKind;
import dev.blindrelay.session.SessionOptions;
import dev.blindrelay.suite.CipherSuite;
import dev.blindrelay.testing.ChatHarness;
import dev.blindrelay.testing.ChatHarness.Client;
import dev.blindrelay.testing.InterceptingHandler;
import dev.blindrelay.testing.MitmRelay;
import dev.blindrelay.testing.RecordingListener;
import dev.blindrelay.testing.RecordingListener.Secured;
import dev.blindrelay.testing.TestFrames;
import dev.blindrelay.testing.suite.TestSuites;
import dev.blindrelay.wire.Envelope;
import dev.blindrelay.wire.EnvelopeHeader;
import dev.blindrelay.wire.FrameType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The client engine end to end over the in-memory transport and a real relay router: handshakes,
 * messages, acknowledgements, membership, and what a malicious relay can and cannot do.
 */
class ChatClientTest {

    private ChatHarness chat;

    @BeforeEach
    void startRelay() throws IOException {
        chat = ChatHarness.start();
    }

    @AfterEach
    void stopRelay() {
        chat.close();
    }

    /** Joins each name in turn and waits until every pair is secured. */
    private List<Client> securedRoom(String... names) throws IOException {
        List<Client> clients = new java.util.ArrayList<>();
        for (String name : names) {
            clients.add(chat.join(name));
        }
        for (Client client : clients) {
            for (Client other : clients) {
                if (other != client) {
                    client.events().awaitSecured(other.name());
                }
            }
        }
        return clients;
    }

    /**
     * Applies {@code action} once, to the next frame of {@code type} from {@code from} to {@code to};
     * every other frame passes unchanged.
     */
    private static InterceptingHandler.Interceptor once(FrameType type, String from, String to,
                                                        Function<byte[], List<byte[]>> action) {
        boolean[] done = {false};
        return (link, frame) -> {
            EnvelopeHeader header = TestFrames.header(frame);
            if (!done[0] && header.type() == type && header.sender().equals(from) && header.recipient().equals(to)) {
                done[0] = true;
                return action.apply(frame);
            }
            return List.of(frame);
        };
    }

    @Nested
    class Chatting {

        @Test
        void start_twoClientsSecureAndChatBothWays() throws Exception {
            Client alice = chat.join("alice");
            Client bob = chat.join("bob");

            Secured aliceView = alice.events().awaitSecured("bob");
            Secured bobView = bob.events().awaitSecured("alice");
            assertThat(aliceView.safetyCode()).matches("\\d{4} \\d{4} \\d{4}").isEqualTo(bobView.safetyCode());
            assertThat(aliceView.trust()).isEqualTo(KnownPeers.Check.PINNED_NOW);
            assertThat(alice.chat().safetyCode("bob")).contains(aliceView.safetyCode());
            assertThat(alice.chat().safetyNumber("bob")).isEqualTo(bob.chat().safetyNumber("alice")).isPresent();
            assertThat(alice.events().joins()).singleElement().satisfies(j -> assertThat(j.members()).isEmpty());
            assertThat(bob.events().joins()).singleElement().satisfies(j -> assertThat(j.members()).containsExactly("alice"));

            long toBob = alice.chat().send("hi bob").orElseThrow();
            bob.events().awaitMessage("alice", "hi bob");
            long toAlice = bob.chat().send("hi alice").orElseThrow();
            alice.events().awaitMessage("bob", "hi alice");

            alice.events().awaitDelivered("bob", toBob);
            bob.events().awaitDelivered("alice", toAlice);
            assertThat(bob.events().messages()).singleElement().satisfies(m -> assertThat(m.direct()).isFalse());
            assertThat(alice.events().warnings()).isEmpty();
            assertThat(bob.events().warnings()).isEmpty();
            assertThat(alice.chat().members()).containsEntry("bob", "secure, suite " + chat.suite().id());
        }

        @Test
        void send_threeClientsRoomMessageReachesBothAndDirectMessageOnlyOne() throws Exception {
            List<Client> room = securedRoom("alice", "bob", "carol");
            Client alice = room.get(0);
            Client bob = room.get(1);
            Client carol = room.get(2);

            alice.chat().send("hello all");
            bob.events().awaitMessage("alice", "hello all");
            carol.events().awaitMessage("alice", "hello all");

            alice.chat().sendTo("bob", "just for you");
            assertThat(bob.events().awaitMessage("alice", "just for you").direct()).isTrue();

            // Alice's frames to Carol arrive in order: once "after" is there, the direct one never will be.
            alice.chat().send("after");
            carol.events().awaitMessage("alice", "after");
            assertThat(carol.events().textsFrom("alice")).containsExactly("hello all", "after");
            bob.events().awaitMessage("alice", "after");
            assertThat(bob.events().textsFrom("alice")).containsExactly("hello all", "just for you", "after");
        }

        @Test
        void start_lateJoinerHandshakesWithEveryone() throws Exception {
            List<Client> room = securedRoom("alice", "bob");
            Client carol = chat.join("carol");

            carol.events().awaitSecured("alice");
            carol.events().awaitSecured("bob");
            room.get(0).events().awaitSecured("carol");
            room.get(1).events().awaitSecured("carol");
            assertThat(room.get(0).events().peersJoined()).containsExactly("bob", "carol");
            assertThat(carol.events().joins().get(0).members()).containsExactlyInAnyOrder("alice", "bob");

            carol.chat().send("hi both");
            room.get(0).events().awaitMessage("carol", "hi both");
            room.get(1).events().awaitMessage("carol", "hi both");
        }

        @Test
        void close_leaverReportedAndRejoinGetsAFreshSession() throws Exception {
            List<Client> room = securedRoom("alice", "bob");
            Client alice = room.get(0);
            Client bob = room.get(1);
            String firstCode = alice.events().awaitSecured("bob").safetyCode();

            bob.close();
            alice.events().awaitPeerLeft("bob");
            assertThat(alice.chat().members()).isEmpty();
            assertThat(alice.chat().safetyCode("bob")).isEmpty();

            Client bobAgain = chat.client("bob").identity(bob.identity()).knownPeers(bob.knownPeers()).join();
            Secured second = alice.events().awaitSecured("bob", 2, java.time.Duration.ofSeconds(10));
            assertThat(second.safetyCode()).isNotEqualTo(firstCode);
            assertThat(second.trust()).isEqualTo(KnownPeers.Check.MATCHES);
            assertThat(bobAgain.events().awaitSecured("alice").trust()).isEqualTo(KnownPeers.Check.MATCHES);

            alice.chat().send("welcome back");
            bobAgain.events().awaitMessage("alice", "welcome back");
        }

        @Test
        void start_nameTakenThrowsTheRelaysReason() throws Exception {
            Client alice = chat.join("alice");
            Client impostor = chat.client("alice").build();

            assertThatThrownBy(() -> impostor.chat().start())
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("already taken");

            Client bob = chat.join("bob");
            alice.events().awaitSecured("bob");
            bob.events().awaitSecured("alice");
            assertThat(impostor.events().disconnects()).isEmpty();
        }

        @Test
        void send_queuedWhileTheHandshakeIsPendingAndSentOnceSecured() throws Exception {
            Client alice = chat.join("alice");
            CompletableFuture<String> heldFor = new CompletableFuture<>();
            byte[][] held = new byte[1][];
            chat.relay().intercept((link, frame) -> {
                EnvelopeHeader header = TestFrames.header(frame);
                if (header.type() == FrameType.HANDSHAKE_RESPONSE && !heldFor.isDone()) {
                    held[0] = frame;
                    heldFor.complete(link);
                    return List.of();
                }
                return List.of(frame);
            });
            Client bob = chat.join("bob");

            long id = bob.chat().send("typed early").orElseThrow();
            String bobLink = heldFor.get(10, TimeUnit.SECONDS);
            assertThat(bob.chat().members()).containsEntry("alice", "handshaking");
            assertThat(bob.events().secured()).isEmpty();

            chat.relay().inject(bobLink, held[0]);
            bob.events().awaitSecured("alice");
            alice.events().awaitMessage("bob", "typed early");
            bob.events().awaitDelivered("alice", id);
        }

        @Test
        void send_nobodyInTheRoomWarns() throws Exception {
            Client alice = chat.join("alice");
            assertThat(alice.chat().send("anyone?")).isEmpty();
            assertThat(alice.events().awaitWarningContaining("nobody else")).contains("lobby");
        }

        @Test
        void sendTo_unknownMemberWarns() throws Exception {
            Client alice = securedRoom("alice", "bob").get(0);
            assertThat(alice.chat().sendTo("zoe", "hello?")).isEmpty();
            alice.events().awaitWarningContaining("no member 'zoe'");
        }

        @Test
        void markVerified_recordedInKnownPeers() throws Exception {
            Client alice = securedRoom("alice", "bob").get(0);
            assertThat(alice.chat().markVerified("bob")).isTrue();
            assertThat(alice.knownPeers().isVerified("bob")).isTrue();
            assertThat(alice.chat().members()).containsEntry("bob", "secure, verified, suite " + chat.suite().id());
            assertThat(alice.chat().markVerified("nobody")).isFalse();
        }

        @Test
        void trust_unchangedKeySaysSoAndKeepsVerified() throws Exception {
            Client alice = securedRoom("alice", "bob").get(0);
            assertThat(alice.chat().markVerified("bob")).isTrue();

            assertThat(alice.chat().trust("bob")).isEqualTo(TrustOutcome.UNCHANGED);
            assertThat(alice.chat().trustOf("bob")).contains(KnownPeers.Check.VERIFIED);
            assertThat(alice.knownPeers().isVerified("bob")).isTrue();
            assertThat(alice.chat().members()).containsEntry("bob", "secure, verified, suite " + chat.suite().id());
            assertThat(alice.chat().trust("nobody")).isEqualTo(TrustOutcome.NO_SESSION);
        }

        @Test
        void trust_afterAKeyChangeSendsWhatWasTypedWhileBlocked() throws Exception {
            List<Client> room = securedRoom("alice", "bob");
            Client alice = room.get(0);
            Client bob = room.get(1);
            bob.close();
            alice.events().awaitPeerLeft("bob");
            Client newBob = chat.client("bob").knownPeers(bob.knownPeers()).join(); // a new identity key
            assertThat(alice.events().awaitSecured("bob", 2, java.time.Duration.ofSeconds(10)).trust())
                    .isEqualTo(KnownPeers.Check.MISMATCH);

            long first = alice.chat().send("typed while blocked").orElseThrow();
            long second = alice.chat().sendTo("bob", "and a direct one").orElseThrow();
            alice.events().awaitWarningContaining("held");
            assertThat(alice.chat().members().get("bob")).contains("2 message(s) held");
            assertThat(alice.events().failedDeliveries()).isEmpty();

            assertThat(alice.chat().trust("bob")).isEqualTo(TrustOutcome.ACCEPTED);
            newBob.events().awaitMessage("alice", "typed while blocked");
            newBob.events().awaitMessage("alice", "and a direct one");
            alice.events().awaitDelivered("bob", first);
            alice.events().awaitDelivered("bob", second);
            assertThat(alice.knownPeers().check("bob", newBob.identity().publicKey())).isEqualTo(KnownPeers.Check.MATCHES);
            assertThat(alice.chat().trust("bob")).isEqualTo(TrustOutcome.UNCHANGED);
        }

        @Test
        void pingFromTheRelay_answeredWithAPongFromUs() throws Exception {
            Client alice = chat.join("alice");
            chat.relay().injectToMember(ChatHarness.ROOM, "alice",
                    Envelope.fromRelay(FrameType.PING, "alice", ChatHarness.ROOM, new byte[0]).encode());
            Client bob = chat.join("bob"); // after alice's PONG: the relay refuses a PONG with the relay's empty sender
            alice.events().awaitSecured("bob");
            alice.chat().send("still here");
            bob.events().awaitMessage("alice", "still here");
            assertThat(alice.events().disconnects()).isEmpty();
            assertThat(alice.events().warnings()).isEmpty();
        }

        @Test
        void undefinedPeerToPeerType_ignoredWithAWarningAndTheChatGoesOn() throws Exception {
            List<Client> room = securedRoom("alice", "bob");
            byte[] frame = TestFrames.data("bob", "alice", ChatHarness.ROOM, new byte[] {1, 2, 3});
            frame[1] = 0x21;
            chat.relay().injectToMember(ChatHarness.ROOM, "alice", frame);
            room.get(0).events().awaitWarningContaining("type 0x21");
            room.get(1).chat().send("after it");
            room.get(0).events().awaitMessage("bob", "after it");
        }

        @Test
        void notice_fromTheRelayReported() throws Exception {
            Client alice = chat.join("alice");
            chat.router().broadcastNotice("maintenance at noon");
            alice.events().awaitNotice("maintenance at noon");
        }

        @Test
        void start_suiteMismatchWarnsBothSidesNamingBothSuites() throws Exception {
            CipherSuite other = TestSuites.x448Aes128WithAeadId("ALT-AES-128-GCM");
            Client alice = chat.join("alice");
            Client bob = chat.client("bob").suite(other).join();

            String ours = chat.suite().id();
            String theirs = other.id();
            assertThat(alice.events().awaitWarningContaining(theirs)).contains(ours);
            assertThat(bob.events().awaitWarningContaining(ours)).contains(theirs);
            assertThat(alice.events().secured()).isEmpty();
            assertThat(bob.events().secured()).isEmpty();
        }

        @Test
        void suiteMismatch_whoShowsTheRefusalAndEachSendFailsAtOnceSayingWhy() throws Exception {
            CipherSuite other = TestSuites.x448Aes128WithAeadId("ALT-AES-128-GCM");
            Client alice = chat.join("alice");
            Client bob = chat.client("bob").suite(other).join();
            alice.events().awaitWarningContaining(other.id());
            bob.events().awaitWarningContaining("refused");

            for (Client client : List.of(alice, bob)) {
                String peer = client == alice ? "bob" : "alice";
                assertThat(client.chat().members().get(peer)).startsWith("no session: ").contains(other.id())
                        .doesNotContain("handshaking");
                long id = client.chat().send("hello?").orElseThrow();
                RecordingListener.NotDelivered failed = client.events().awaitNotDelivered(peer, other.id());
                assertThat(failed.id()).isEqualTo(id);
                assertThat(failed.reason()).contains(chat.suite().id());
                assertThat(client.chat().sendTo(peer, "direct?")).isPresent();
                assertThat(client.events().failedDeliveries()).hasSize(2);
                assertThat(client.chat().pendingDeliveries()).isZero();
            }
        }
    }

    @Nested
    class MaliciousRelay {

        private Client alice;
        private Client bob;

        @BeforeEach
        void secureAliceAndBob() throws IOException {
            List<Client> room = securedRoom("alice", "bob");
            alice = room.get(0);
            bob = room.get(1);
        }

        @Test
        void replayedData_rejectedAndChatContinues() throws Exception {
            chat.relay().intercept(once(FrameType.DATA, "alice", "bob", frame -> List.of(frame, frame)));

            alice.chat().send("one");
            bob.events().awaitMessage("alice", "one");
            assertThat(bob.events().awaitWarningContaining("replayed")).contains("alice");

            alice.chat().send("two");
            bob.events().awaitMessage("alice", "two");
            assertThat(bob.events().textsFrom("alice")).containsExactly("one", "two");
        }

        @Test
        void replayedLater_stillRejected() throws Exception {
            byte[][] first = new byte[1][];
            chat.relay().intercept(once(FrameType.DATA, "alice", "bob", frame -> {
                first[0] = frame;
                return List.of(frame);
            }));
            alice.chat().send("one");
            bob.events().awaitMessage("alice", "one");
            alice.chat().send("two");
            bob.events().awaitMessage("alice", "two");

            chat.relay().injectToMember(ChatHarness.ROOM, "bob", first[0]);
            bob.events().awaitWarningContaining("replayed");
            assertThat(bob.events().textsFrom("alice")).containsExactly("one", "two");
        }

        @Test
        void tamperedData_rejectedAndChatContinues() throws Exception {
            chat.relay().intercept(once(FrameType.DATA, "alice", "bob", frame -> List.of(TestFrames.flip(frame, -1))));

            long lost = alice.chat().send("one").orElseThrow();
            bob.events().awaitWarningContaining("tampered");

            long next = alice.chat().send("two").orElseThrow();
            bob.events().awaitMessage("alice", "two");
            assertThat(bob.events().textsFrom("alice")).containsExactly("two");
            alice.events().awaitDelivered("bob", next);
            assertThat(alice.events().deliveries()).noneMatch(d -> d.id() == lost);
        }

        @Test
        void droppedData_reportedWithTheNextMessage() throws Exception {
            chat.relay().intercept(once(FrameType.DATA, "alice", "bob", frame -> List.of()));

            alice.chat().send("one");
            alice.chat().send("two");

            bob.events().awaitMessage("alice", "two");
            assertThat(bob.events().awaitWarningContaining("missing (dropped")).contains("1 message(s) from alice");
            assertThat(bob.events().textsFrom("alice")).containsExactly("two");
        }

        /** The ratchet kept the held-back message's key: it is shown once, late; a second copy finds no key. */
        @Test
        void reorderedData_olderMessageShownOnceLate_andItsReplayRejected() throws Exception {
            byte[][] heldBack = new byte[1][];
            chat.relay().intercept(once(FrameType.DATA, "alice", "bob", frame -> {
                heldBack[0] = frame;
                return List.of();
            }));
            alice.chat().send("first");
            alice.chat().send("second");
            bob.events().awaitMessage("alice", "second");

            chat.relay().injectToMember(ChatHarness.ROOM, "bob", heldBack[0]);
            bob.events().awaitMessage("alice", "first");
            assertThat(bob.events().awaitWarningContaining("arrived late")).contains("reordered");
            chat.relay().injectToMember(ChatHarness.ROOM, "bob", heldBack[0]);
            bob.events().awaitWarningContaining("replayed");
            assertThat(bob.events().textsFrom("alice")).containsExactly("second", "first");
        }

        /** A static session keeps only the last counter: the older message is rejected. */
        @Test
        void reorderedData_staticSession_olderMessageRejected() throws Exception {
            Client staticAlice = chat.client("carol").session(SessionOptions.of(SessionKind.STATIC)).join();
            Client staticDan = chat.client("dan").session(SessionOptions.of(SessionKind.STATIC)).join();
            staticDan.events().awaitSecured("carol");
            staticAlice.events().awaitSecured("dan");
            byte[][] heldBack = new byte[1][];
            chat.relay().intercept(once(FrameType.DATA, "carol", "dan", frame -> {
                heldBack[0] = frame;
                return List.of();
            }));
            staticAlice.chat().sendTo("dan", "first");
            staticAlice.chat().sendTo("dan", "second");
            staticDan.events().awaitMessage("carol", "second");

            chat.relay().injectToMember(ChatHarness.ROOM, "dan", heldBack[0]);
            staticDan.events().awaitWarningContaining("reordered");
            assertThat(staticDan.events().textsFrom("carol")).containsExactly("second");
        }

        @Test
        void reflectedFrame_rejected() throws Exception {
            chat.relay().intercept(once(FrameType.DATA, "alice", "bob", frame -> {
                chat.relay().injectToMember(ChatHarness.ROOM, "alice", frame);
                return List.of(frame);
            }));

            alice.chat().send("echo?");
            bob.events().awaitMessage("alice", "echo?");
            assertThat(alice.events().awaitWarningContaining("reflected")).contains("rejected");
            assertThat(alice.events().messages()).isEmpty();

            bob.chat().send("still here");
            alice.events().awaitMessage("bob", "still here");
        }

        @Test
        void injectedDataFromTheRelay_rejected() throws Exception {
            byte[] forged = TestFrames.data("bob", "alice", ChatHarness.ROOM, new byte[40]);
            chat.relay().injectToMember(ChatHarness.ROOM, "alice", forged);
            alice.events().awaitWarningContaining("rejected");
            assertThat(alice.events().messages()).isEmpty();
        }

        @Test
        void mitmAfterGenuinePins_mismatchBlocksSending() throws Exception {
            MitmRelay mallory = new MitmRelay(chat.suite());
            bob.close();
            alice.events().awaitPeerLeft("bob");
            chat.relay().intercept(mallory);

            Client bobAgain = chat.client("bob").identity(bob.identity()).knownPeers(bob.knownPeers()).join();

            assertThat(alice.events().awaitSecured("bob", 2, java.time.Duration.ofSeconds(10)).trust())
                    .isEqualTo(KnownPeers.Check.MISMATCH);
            assertThat(bobAgain.events().awaitSecured("alice").trust()).isEqualTo(KnownPeers.Check.MISMATCH);
            assertThat(alice.chat().members().get("bob")).contains("CHANGED").contains("/trust bob");

            alice.chat().send("secret plan");
            assertThat(alice.events().awaitWarningContaining("/trust bob")).contains("identity key changed");
            bobAgain.chat().sendTo("alice", "reply");
            bobAgain.events().awaitWarningContaining("/trust alice");
            assertThat(mallory.plaintexts()).isEmpty();
            assertThat(mallory.failures()).isEmpty();
            // The genuine pins are untouched.
            assertThat(alice.knownPeers().check("bob", bob.identity().publicKey())).isEqualTo(KnownPeers.Check.MATCHES);
        }
    }

    @Nested
    class ManInTheMiddle {

        @Test
        void mitmWithItsOwnIdentities_safetyCodesDifferAndPinsAreMallorys() throws Exception {
            MitmRelay mallory = new MitmRelay(chat.suite());
            chat.relay().intercept(mallory);
            Client alice = chat.join("alice");
            Client bob = chat.join("bob");

            Secured aliceView = alice.events().awaitSecured("bob");
            Secured bobView = bob.events().awaitSecured("alice");
            assertThat(aliceView.trust()).isEqualTo(KnownPeers.Check.PINNED_NOW);
            assertThat(aliceView.safetyCode()).isNotEqualTo(bobView.safetyCode());
            assertThat(alice.chat().safetyNumber("bob")).isNotEqualTo(bob.chat().safetyNumber("alice"));

            assertThat(alice.knownPeers().check("bob", mallory.identityFor("bob").publicKey()))
                    .isEqualTo(KnownPeers.Check.MATCHES);
            assertThat(alice.knownPeers().check("bob", bob.identity().publicKey())).isEqualTo(KnownPeers.Check.MISMATCH);
            assertThat(bob.knownPeers().check("alice", mallory.identityFor("alice").publicKey()))
                    .isEqualTo(KnownPeers.Check.MATCHES);

            // Undetected by the protocol alone: the chat works and Mallory reads it. Only comparing codes helps.
            alice.chat().send("meet at noon");
            bob.events().awaitMessage("alice", "meet at noon");
            assertThat(mallory.plaintexts()).contains("alice -> bob: meet at noon");
            assertThat(mallory.failures()).isEmpty();
        }
    }
}
