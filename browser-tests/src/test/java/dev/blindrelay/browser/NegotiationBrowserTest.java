package dev.blindrelay.browser;

import dev.blindrelay.browser.WebRelay.JavaClient;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Handshake version 2 between the page and the Java client with different suite lists (PROTOCOL.md
 * §5): the initiator's offer decides among the suites both accept, in either role; with none in
 * common both sides say so and nothing is sent.
 */
class NegotiationBrowserTest {

    @Test
    void browserOffers_javaAccepts_theFirstOfTheOfferThatBothAccept() throws Exception {
        try (WebRelay relay = WebRelay.start(); Browser browser = new Browser()) {
            JavaClient bob = relay.javaClient("Bob", "neg1", List.of("x25519-chacha", "p256-aesgcm"), false);
            ChatPage alice = ChatPage.join(browser, relay.pageUrl(), "Alice", "neg1", "pq, x25519-chacha, p256-aesgcm");
            alice.awaitState("Bob", "secure");
            assertThat(alice.memberElement("Bob").getText()).contains("X25519_HKDF-SHA256_CHACHA20-POLY1305");
            assertThat(alice.safetyCode("Bob")).isEqualTo(bob.events().awaitSecured("Alice", WebRelay.timeout()).safetyCode());
            alice.send("negotiated");
            bob.events().awaitMessage("Alice", "negotiated", WebRelay.timeout());
        }
    }

    @Test
    void javaOffers_browserAccepts_theJavaOrderDecides() throws Exception {
        try (WebRelay relay = WebRelay.start(); Browser browser = new Browser()) {
            ChatPage alice = ChatPage.join(browser, relay.pageUrl(), "Alice", "neg2", "x25519-chacha, pq");
            JavaClient bob = relay.javaClient("Bob", "neg2", List.of("p256-aesgcm", "pq", "x25519-chacha"), false);
            alice.awaitState("Bob", "secure");
            assertThat(alice.memberElement("Bob").getText()).contains("X25519MLKEM768_HKDF-SHA256_AES-256-GCM");
            bob.chat().send("hybrid chosen by my offer");
            alice.awaitMessage("Bob", "hybrid chosen by my offer");
        }
    }

    @Test
    void noSuiteInCommon_bothSidesSaySo() throws Exception {
        try (WebRelay relay = WebRelay.start(); Browser browser = new Browser()) {
            ChatPage alice = ChatPage.join(browser, relay.pageUrl(), "Alice", "neg3", "pq");
            JavaClient bob = relay.javaClient("Bob", "neg3", List.of("p256-aesgcm"), false);
            alice.awaitState("Bob", "refused");
            alice.awaitWarning("no suite in common");
            assertThat(bob.events().awaitWarningContaining("X25519MLKEM768")).contains("Alice");
        }
    }
}
