package dev.blindrelay.browser;

import dev.blindrelay.browser.WebRelay.JavaClient;
import org.junit.jupiter.api.Test;

/**
 * The relay stops and starts again on the same port: the page reconnects by itself, and what Alice
 * typed while it was down is delivered (and acknowledged) once both sides are back.
 */
class RelayRestartBrowserTest {

    @Test
    void relayRestart_pageReconnects_andDeliversWhatWasQueued() throws Exception {
        try (WebRelay relay = WebRelay.start(); Browser browser = new Browser()) {
            ChatPage alice = ChatPage.join(browser, relay.pageUrl(), "Alice", "lobby", "x25519-chacha");
            JavaClient bob = relay.javaClient("Bob", "lobby", "x25519-chacha", true);
            alice.awaitState("Bob", "secure");

            relay.stop();
            alice.awaitWarning("Disconnected");
            alice.send("typed while the relay was down");
            alice.awaitLine("status", "", "queued");

            relay.restart();
            bob.events().awaitMessage("Alice", "typed while the relay was down", WebRelay.timeout());
            alice.awaitDelivered("typed while the relay was down");
            bob.chat().send("back again");
            alice.awaitMessage("Bob", "back again");
        }
    }
}
