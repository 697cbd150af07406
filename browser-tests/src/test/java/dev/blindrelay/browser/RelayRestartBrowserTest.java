package dev.blindrelay.browser;

import dev.blindrelay.browser.WebRelay.JavaClient;
import dev.blindrelay.testing.TestFrames;
import dev.blindrelay.wire.FrameType;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The relay stops and starts again on the same port: the page reconnects by itself, and what Alice
 * typed while it was down is delivered (and acknowledged) once both sides are back; what was sent but
 * not acknowledged before is sent again, marked so, and shown once.
 */
class RelayRestartBrowserTest {

    @Test
    void relayRestart_pageReconnects_andDeliversWhatWasQueued() throws Exception {
        try (WebRelay relay = WebRelay.start(); Browser browser = new Browser()) {
            ChatPage alice = ChatPage.join(browser, relay.pageUrl(), "Alice", "lobby", "x25519-chacha");
            JavaClient bob = relay.javaClient("Bob", "lobby", "x25519-chacha", true);
            alice.awaitState("Bob", "secure");
            // Bob's acknowledgements are lost: Alice's first message stays unacknowledged across the restart.
            relay.hook().intercept((to, frame) -> TestFrames.typeOf(frame) == FrameType.DATA
                    && TestFrames.header(frame).sender().equals("Bob") ? List.of() : List.of(frame));
            alice.send("sent before the restart");
            bob.events().awaitMessage("Alice", "sent before the restart", WebRelay.timeout());

            relay.stop();
            alice.awaitWarning("Disconnected");
            alice.send("typed while the relay was down");
            alice.awaitLine("status", "", "queued");

            relay.restart();
            bob.events().awaitMessage("Alice", "typed while the relay was down", WebRelay.timeout());
            alice.awaitDelivered("typed while the relay was down");
            bob.chat().send("back again");
            alice.awaitMessage("Bob", "back again");
            // Sent again in the new session, marked as such (kind 0x81): Bob shows it once, Alice gets her ✓.
            alice.awaitDelivered("sent before the restart");
            assertThat(bob.events().textsFrom("Alice")).containsOnlyOnce("sent before the restart");
        }
    }
}
