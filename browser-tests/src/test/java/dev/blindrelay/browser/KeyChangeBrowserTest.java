package dev.blindrelay.browser;

import dev.blindrelay.browser.WebRelay.JavaClient;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bob comes back with another identity key: the page warns loudly, marks him key-changed, holds
 * what Alice types for him, and sends it only once she accepts the new key.
 */
class KeyChangeBrowserTest {

    @Test
    void keyChange_warnsAndHoldsMessages_untilAccepted() throws Exception {
        try (WebRelay relay = WebRelay.start(); Browser browser = new Browser()) {
            ChatPage alice = ChatPage.join(browser, relay.pageUrl(), "Alice", "lobby", "pq");
            JavaClient first = relay.javaClient("Bob", "lobby", "pq", false);
            alice.awaitState("Bob", "secure");
            first.close();
            alice.awaitLine("status", "", "Bob left");

            JavaClient impostor = relay.javaClient("Bob", "lobby", "pq", false); // a new identity key
            alice.awaitState("Bob", "key-changed");
            alice.awaitWarning("identity key CHANGED");

            alice.send("for Bob's eyes only");
            alice.awaitWarning("held");
            assertThat(alice.memberElement("Bob").getText()).contains("1 message(s) held");
            // The relay saw no DATA from Alice to the new Bob: the message is held in the page.
            assertThat(impostor.events().messages()).isEmpty();

            alice.clickMemberAction("Bob", "accept-key");
            impostor.events().awaitMessage("Alice", "for Bob's eyes only", WebRelay.timeout());
            alice.awaitState("Bob", "secure");
            alice.awaitDelivered("for Bob's eyes only");
        }
    }

    @Test
    void markVerified_marksTheMemberVerified() throws Exception {
        try (WebRelay relay = WebRelay.start(); Browser browser = new Browser()) {
            ChatPage alice = ChatPage.join(browser, relay.pageUrl(), "Alice", "lobby", "p256-aesgcm");
            JavaClient bob = relay.javaClient("Bob", "lobby", "p256-aesgcm", false);
            alice.awaitState("Bob", "secure");
            String javaNumber = bob.chat().safetyNumber("Alice").orElseThrow();

            alice.clickMemberAction("Bob", "safety-number");
            browser.await("the safety number dialog", d -> browser.find("#safety-number").getText().length() > 60);
            assertThat(browser.find("#safety-number").getText().replaceAll("\\s+", " "))
                    .isEqualTo(javaNumber.replaceAll("\\s+", " "));
            browser.find("#safety-close").click();

            alice.clickMemberAction("Bob", "verify");
            alice.awaitState("Bob", "verified");
        }
    }
}
