package dev.blindrelay.browser;

import dev.blindrelay.browser.WebRelay.JavaClient;
import dev.blindrelay.testing.TestFrames;
import dev.blindrelay.wire.EnvelopeHeader;
import dev.blindrelay.wire.FrameType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A test relay that attacks what Bob (Java) sends to Alice (the browser): a tampered frame and a
 * replayed frame each show a warning in the page, and the chat goes on. Frames that do not even parse
 * leave the page usable with a warning too.
 */
class MaliciousRelayBrowserTest {

    private WebRelay relay;
    private Browser browser;
    private JavaClient bob;
    private ChatPage alice;

    @BeforeEach
    void secured() throws Exception {
        relay = WebRelay.start();
        browser = new Browser();
        alice = ChatPage.join(browser, relay.pageUrl(), "Alice", "lobby", "p256-aesgcm");
        bob = relay.javaClient("Bob", "lobby", "p256-aesgcm", false);
        alice.awaitState("Bob", "secure");
        bob.events().awaitSecured("Alice", WebRelay.timeout());
    }

    @AfterEach
    void close() {
        browser.close();
        relay.close();
    }

    /** Applies attack to the next DATA frame from Bob to Alice; everything else passes. */
    private void onNextBobToAlice(Function<byte[], List<byte[]>> attack) {
        AtomicBoolean done = new AtomicBoolean();
        relay.hook().intercept((to, frame) -> {
            EnvelopeHeader header = TestFrames.header(frame);
            if (header.type() == FrameType.DATA && header.sender().equals("Bob") && done.compareAndSet(false, true)) {
                return attack.apply(frame);
            }
            return List.of(frame);
        });
    }

    private void chatGoesOn() {
        relay.hook().passThrough();
        bob.chat().send("still here");
        alice.awaitMessage("Bob", "still here");
        alice.send("me too");
        bob.events().awaitMessage("Alice", "me too", WebRelay.timeout());
    }

    @Test
    void tamperedFrame_showsAWarning_andTheChatGoesOn() {
        onNextBobToAlice(frame -> List.of(TestFrames.flip(frame, frame.length - 20)));
        bob.chat().send("one");
        alice.awaitWarning("tampered");
        assertThat(alice.count("chat", "Bob", "one")).isZero();
        chatGoesOn();
    }

    @Test
    void replayedFrame_showsAWarning_andIsShownOnce() {
        onNextBobToAlice(frame -> List.of(frame, frame));
        bob.chat().send("one");
        alice.awaitMessage("Bob", "one");
        alice.awaitWarning("replayed");
        chatGoesOn();
        assertThat(alice.count("chat", "Bob", "one")).isEqualTo(1);
    }

    @Test
    void malformedFrames_showWarnings_andThePageStaysUsable() {
        String link = relay.hook().linkOf("lobby", "Alice");
        relay.hook().inject(link, new byte[] {0x09, 0x20});                      // unknown envelope version
        relay.hook().inject(link, new byte[] {0x01, 0x20, 0x03, 'B', 'o'});      // truncated header
        relay.hook().inject(link, TestFrames.peer(FrameType.HANDSHAKE_INIT, "Bob", "Alice", "lobby", new byte[] {1, 2}));
        relay.hook().inject(link, TestFrames.peer(FrameType.DATA, "Alice", "Alice", "lobby", new byte[40])); // reflected
        relay.hook().inject(link, new byte[] {0x01, 0x03, 0x00, 0x00, 0x05, 'l', 'o', 'b', 'b', 'y', 0x02, (byte) 0xc3, 0x28}); // bad UTF-8
        alice.awaitWarning("unknown envelope version");
        alice.awaitWarning("truncated");
        alice.awaitWarning("reflected");
        alice.awaitWarning("not valid UTF-8");
        // A peer-to-peer type this version does not define passes the relay; the page ignores it.
        byte[] future = TestFrames.peer(FrameType.DATA, "Bob", "Alice", "lobby", new byte[] {7});
        future[1] = 0x21;
        relay.hook().inject(link, future);
        alice.awaitWarning("type 0x21 from Bob ignored");
        chatGoesOn();
    }
}
