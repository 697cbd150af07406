package dev.blindrelay.browser;

import dev.blindrelay.browser.WebRelay.JavaClient;
import dev.blindrelay.testing.TestFrames;
import dev.blindrelay.wire.FrameType;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * PROTOCOL.md §5: the page, as initiator, waits 10 s for the RESPONSE, then tries once more with a fresh
 * INIT; and a malformed handshake message gets REJECT reason 3.
 */
class HandshakeTimeoutBrowserTest {

    @Test
    void unansweredInit_isTriedOnceMore_andTheSecondSucceeds() throws Exception {
        try (WebRelay relay = WebRelay.start(); Browser browser = new Browser()) {
            JavaClient bob = relay.javaClient("Bob", "lobby", "p256-aesgcm", false);
            AtomicInteger dropped = new AtomicInteger();
            relay.hook().intercept((to, frame) -> TestFrames.typeOf(frame) == FrameType.HANDSHAKE_RESPONSE
                    && dropped.getAndIncrement() == 0 ? List.of() : List.of(frame));
            ChatPage alice = ChatPage.join(browser, relay.pageUrl(), "Alice", "lobby", "p256-aesgcm");
            alice.awaitWarning("did not answer the handshake");
            alice.awaitState("Bob", "secure");
            assertThat(alice.safetyCode("Bob")).isEqualTo(bob.events().awaitSecured("Alice", WebRelay.timeout()).safetyCode());
            assertThat(dropped.get()).isEqualTo(2);
        }
    }

    @Test
    void malformedInit_getsRejectReason3() throws Exception {
        try (WebRelay relay = WebRelay.start(); Browser browser = new Browser()) {
            ChatPage alice = ChatPage.join(browser, relay.pageUrl(), "Alice", "lobby", "p256-aesgcm");
            // Bob's INIT arrives cut short: the page answers REJECT 3 and says why.
            relay.hook().intercept((to, frame) -> TestFrames.typeOf(frame) == FrameType.HANDSHAKE_INIT
                    ? List.of(java.util.Arrays.copyOf(frame, frame.length - 5)) : List.of(frame));
            JavaClient bob = relay.javaClient("Bob", "lobby", "p256-aesgcm", false);
            alice.awaitWarning("malformed handshake from Bob");
            alice.awaitState("Bob", "refused");
            assertThat(bob.events().awaitWarningContaining("refused")).contains("Alice");
        }
    }
}
