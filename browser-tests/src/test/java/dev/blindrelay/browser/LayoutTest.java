package dev.blindrelay.browser;

import dev.blindrelay.browser.WebRelay.JavaClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real chat at phone width (390×844) and at desktop width: nothing overflows sideways, the message
 * input and the send button are on screen, and the member list shows state, suite and safety code.
 * Each run leaves screenshots in target/screenshots (the README's and docs/web-client-phone.png come
 * from there).
 */
class LayoutTest {

    @ParameterizedTest(name = "{0}x{1}")
    @CsvSource({"390, 844, web-client-phone.png", "1280, 800, web-client.png"})
    void realChat_fitsTheScreen(int width, int height, String screenshot) throws Exception {
        try (WebRelay relay = WebRelay.start(); Browser browser = new Browser(width, height)) {
            ChatPage alice = ChatPage.join(browser, relay.pageUrl(), "Alice", "lobby", "pq, x25519-chacha, p256-aesgcm");
            try (JavaClient bob = relay.javaClient("Bob", "lobby", "pq", false)) {
                alice.awaitState("Bob", "secure");
                bob.events().awaitSecured("Alice", WebRelay.timeout());
                alice.send("Hi Bob! Our safety codes match, I checked.");
                bob.events().awaitMessage("Alice", "Hi Bob! Our safety codes match, I checked.", WebRelay.timeout());
                alice.awaitDelivered("Our safety codes match");
                bob.chat().send("Great. Post-quantum from the terminal to your browser.");
                alice.awaitMessage("Bob", "Post-quantum from the terminal");

                browser.script("document.querySelector('#trace-panel').open = arguments[0]", width > 600);
                browser.screenshot(Path.of("target", "screenshots", screenshot));
                long viewport = (Long) browser.script("return window.innerWidth");
                assertThat(viewport).isLessThanOrEqualTo(width);
                assertThat((Long) browser.script("return document.documentElement.scrollWidth")).isLessThanOrEqualTo(viewport);
                for (String id : new String[] {"#message", "#send", "#members", "#log"}) {
                    assertThat((Boolean) browser.script("const r = document.querySelector(arguments[0]).getBoundingClientRect();"
                            + "return r.width > 0 && r.left >= 0 && r.right <= window.innerWidth && r.top < window.innerHeight;", id))
                            .as(id + " is on screen").isTrue();
                }
                assertThat(alice.memberElement("Bob").getText()).contains("X25519MLKEM768").contains(alice.safetyCode("Bob"));
            }
        }
    }

    @Test
    void joinForm_listsTheSuites_andRefusesAnUnknownOne() throws Exception {
        try (WebRelay relay = WebRelay.start(); Browser browser = new Browser(390, 844)) {
            browser.open(relay.pageUrl());
            browser.find("#name").sendKeys("Alice");
            browser.find("#suite").clear();
            browser.find("#suite").sendKeys("rot13");
            browser.find("#join").click();
            browser.await("the error", d -> browser.pageText("#join-error").contains("unknown suite 'rot13'"));
            assertThat(browser.pageText("#join-error")).contains("pq (X25519MLKEM768_HKDF-SHA256_AES-256-GCM)");
            assertThat(browser.find("#message").isEnabled()).isFalse();
        }
    }
}
