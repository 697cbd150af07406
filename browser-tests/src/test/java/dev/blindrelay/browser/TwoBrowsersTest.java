package dev.blindrelay.browser;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Two browser users, each with its own profile (its own IndexedDB keys), chat with each other. */
class TwoBrowsersTest {

    @Test
    void twoBrowsers_chatBothWays_withTheSameSafetyCode() throws Exception {
        try (WebRelay relay = WebRelay.start(); Browser one = new Browser(); Browser two = new Browser()) {
            ChatPage alice = ChatPage.join(one, relay.pageUrl(), "Alice", "duo", "x25519-chacha");
            ChatPage carol = ChatPage.join(two, relay.pageUrl(), "Carol", "duo", "x25519-chacha");

            alice.awaitState("Carol", "secure");
            carol.awaitState("Alice", "secure");
            assertThat(alice.safetyCode("Carol")).isEqualTo(carol.safetyCode("Alice"));

            alice.send("hi Carol, from one browser");
            carol.awaitMessage("Alice", "hi Carol, from one browser");
            alice.awaitDelivered("hi Carol, from one browser");
            carol.sendWithButton("hi Alice, from the other");
            alice.awaitMessage("Carol", "hi Alice, from the other");
            carol.awaitDelivered("hi Alice, from the other");
            assertThat(carol.count("chat", "Alice", "hi Carol")).isEqualTo(1);
        }
    }
}
