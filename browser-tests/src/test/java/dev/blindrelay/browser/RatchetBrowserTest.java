package dev.blindrelay.browser;

import dev.blindrelay.browser.WebRelay.JavaClient;
import dev.blindrelay.identity.IdentityKeyPair;
import dev.blindrelay.session.SessionKind;
import dev.blindrelay.testing.TestFrames;
import dev.blindrelay.wire.Envelope;
import dev.blindrelay.wire.FrameType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The browser's Double Ratchet against the Java client's (PROTOCOL.md §8.2), for every suite and in
 * both roles: several turns both ways while a test relay drops and reorders chat messages in each direction (within the bound
 * of kept keys); the page and the terminal each show every message that arrived, once, with a warning for
 * what is missing or late. Static sessions still work when both sides choose them, and a page and a
 * terminal client of different session types both say so (REJECT 4).
 */
class RatchetBrowserTest {

    /** Chat texts this long are told apart from acknowledgements by the size of their ciphertext. */
    private static final int CHAT_PLAINTEXT = 200;

    /** One identity for Bob in every case: the page pins it the first time (a new key would hold messages). */
    private static final IdentityKeyPair BOB = IdentityKeyPair.generate(new SecureRandom());

    private static WebRelay relay;
    private static Browser browser;

    @BeforeAll
    static void start() throws Exception {
        relay = WebRelay.start();
        browser = new Browser();
    }

    @AfterAll
    static void stop() {
        browser.close();
        relay.close();
    }

    private static String text(String label) {
        return (label + " ").repeat(CHAT_PLAINTEXT).substring(0, CHAT_PLAINTEXT - 9); // + kind and id: 200 bytes
    }

    static Stream<Arguments> suitesAndOrder() {
        return Stream.of("p256-aesgcm", "x25519-chacha", "pq")
                .flatMap(suite -> Stream.of(Arguments.of(suite, true), Arguments.of(suite, false)));
    }

    @ParameterizedTest(name = "{0}, browser joins first (responds): {1}")
    @MethodSource("suitesAndOrder")
    void ratchet_severalTurns_withDropsAndReordering_bothWays(String suite, boolean browserFirst) throws Exception {
        String room = "ratchet-" + suite + (browserFirst ? "-a" : "-b");
        relay.hook().passThrough();
        JavaClient first = browserFirst ? null : relay.javaClient("Bob", room, List.of(suite), BOB, SessionKind.RATCHET);
        ChatPage alice = ChatPage.join(browser, relay.pageUrl(), "Alice", room, suite);
        try (JavaClient bob = browserFirst ? relay.javaClient("Bob", room, List.of(suite), BOB, SessionKind.RATCHET) : first) {
            alice.awaitState("Bob", "secure");
            assertThat(alice.safetyCode("Bob")).isEqualTo(bob.events().awaitSecured("Alice", WebRelay.timeout()).safetyCode());
            int before = relay.forwarded().size();

            alice.send(text("a1"));
            bob.events().awaitMessage("Alice", text("a1"), WebRelay.timeout());
            alice.awaitDelivered(text("a1").substring(0, 20));

            // Bob -> Alice: the relay holds Bob's first message back and delivers it after his second.
            reorderNext(chatFrom("Bob"));
            bob.chat().send(text("b1"));
            bob.chat().send(text("b2"));
            alice.awaitMessage("Bob", text("b2"));
            alice.awaitMessage("Bob", text("b1"));
            alice.awaitWarning("arrived late");

            // Alice -> Bob: one message dropped, one held back behind the next.
            dropNext(chatFrom("Alice"));
            alice.send(text("a2"));
            alice.send(text("a3"));
            bob.events().awaitMessage("Alice", text("a3"), WebRelay.timeout());
            reorderNext(chatFrom("Alice"));
            alice.send(text("a4"));
            alice.send(text("a5"));
            bob.events().awaitMessage("Alice", text("a5"), WebRelay.timeout());
            bob.events().awaitMessage("Alice", text("a4"), WebRelay.timeout());

            // Bob -> Alice: one message dropped.
            dropNext(chatFrom("Bob"));
            bob.chat().send(text("b3"));
            bob.chat().send(text("b4"));
            alice.awaitMessage("Bob", text("b4"));
            alice.awaitWarning("missing");

            relay.hook().passThrough();
            bob.chat().send("still turning");
            alice.awaitMessage("Bob", "still turning");
            alice.send("and back");
            bob.events().awaitMessage("Alice", "and back", WebRelay.timeout());
            alice.awaitDelivered("and back");

            assertThat(bob.events().textsFrom("Alice")).doesNotContain(text("a2"))
                    .containsOnlyOnce(text("a3"), text("a4"), text("a5"));
            assertThat(alice.count("chat", "Bob", text("b3"))).isZero();
            for (String b : List.of("b1", "b2", "b4")) {
                assertThat(alice.count("chat", "Bob", text(b))).as(b).isEqualTo(1);
            }
            List<byte[]> traffic = relay.forwarded().subList(before, relay.forwarded().size());
            // Both sides stepped at least once (a side's first step is never put off): epochs 2 and 3.
            Set<Long> epochs = new TreeSet<>(epochsFrom(traffic, "Alice"));
            epochs.addAll(epochsFrom(traffic, "Bob"));
            assertThat(epochs).contains(1L, 2L, 3L);
        }
    }

    @Test
    void staticSessions_onBothSides_stillChat() throws Exception {
        relay.hook().passThrough();
        ChatPage alice = ChatPage.join(browser, relay.pageUrl(), "Alice", "static-room", "x25519-chacha", "static");
        try (JavaClient bob = relay.javaClient("Bob", "static-room", List.of("x25519-chacha"), BOB, SessionKind.STATIC)) {
            alice.awaitState("Bob", "secure");
            assertThat(alice.safetyCode("Bob")).isEqualTo(bob.events().awaitSecured("Alice", WebRelay.timeout()).safetyCode());
            alice.send("static from the browser");
            bob.events().awaitMessage("Alice", "static from the browser", WebRelay.timeout());
            bob.chat().send("static from the terminal");
            alice.awaitMessage("Bob", "static from the terminal");
        }
    }

    @Test
    void sessionTypeMismatch_bothSidesSaySo_andNothingIsSent() throws Exception {
        relay.hook().passThrough();
        ChatPage alice = ChatPage.join(browser, relay.pageUrl(), "Alice", "mixed-room", "p256-aesgcm", "static");
        try (JavaClient bob = relay.javaClient("Bob", "mixed-room", List.of("p256-aesgcm"), BOB, SessionKind.RATCHET)) {
            // Bob initiates with a ratchet session; the page, static, refuses with REJECT 4.
            alice.awaitState("Bob", "refused");
            alice.awaitWarning("asked for a ratchet session but you use static sessions");
            assertThat(bob.events().awaitWarningContaining("static")).contains("Alice");
        }
    }

    /** Chat messages (not acknowledgements) from {@code sender}, told apart by their plaintext's length. */
    private static Predicate<byte[]> chatFrom(String sender) {
        return frame -> TestFrames.typeOf(frame) == FrameType.DATA && TestFrames.header(frame).sender().equals(sender)
                && plaintextLength(frame) >= CHAT_PLAINTEXT;
    }

    private static void dropNext(Predicate<byte[]> which) {
        boolean[] done = {false};
        relay.hook().intercept((to, frame) -> {
            synchronized (done) {
                if (!done[0] && which.test(frame)) {
                    done[0] = true;
                    return List.of();
                }
                return List.of(frame);
            }
        });
    }

    /** The next matching frame waits and goes out right after the one that follows it. */
    private static void reorderNext(Predicate<byte[]> which) {
        List<byte[]> held = new ArrayList<>();
        boolean[] done = {false};
        relay.hook().intercept((to, frame) -> {
            synchronized (held) {
                if (done[0] || !which.test(frame)) {
                    return List.of(frame);
                }
                if (held.isEmpty()) {
                    held.add(frame);
                    return List.of();
                }
                done[0] = true;
                return List.of(frame, held.get(0));
            }
        });
    }

    /** The ratchet fields (§8.2) after the envelope header: epoch, n, previous, seen, keys [, response, share]. */
    private static ByteBuffer ratchetFields(byte[] frame) {
        Envelope envelope = TestFrames.parse(frame);
        return ByteBuffer.wrap(envelope.body());
    }

    private static int plaintextLength(byte[] frame) {
        ByteBuffer fields = ratchetFields(frame);
        fields.position(16);
        if (fields.get() == 1) {
            for (int field = 0; field < 2; field++) { // response, share: bytes16 each
                int length = Short.toUnsignedInt(fields.getShort());
                fields.position(fields.position() + length);
            }
        }
        return fields.remaining() - 16; // the tag of every shipped AEAD
    }

    private static Set<Long> epochsFrom(List<byte[]> traffic, String sender) {
        Set<Long> epochs = new TreeSet<>();
        for (byte[] frame : traffic) {
            if (TestFrames.typeOf(frame) == FrameType.DATA && TestFrames.header(frame).sender().equals(sender)) {
                epochs.add(Integer.toUnsignedLong(ratchetFields(frame).getInt(0)));
            }
        }
        return epochs;
    }
}
