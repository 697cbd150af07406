package dev.blindrelay.browser;

import dev.blindrelay.browser.WebRelay.JavaClient;
import dev.blindrelay.identity.IdentityKeyPair;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A browser user and a Java terminal user in one room, through a real relay, for every suite both
 * support, with the browser joining first (it responds to the handshake) and second (it initiates), in
 * ratchet sessions (the default on both sides): both see the same safety code, chat both ways for
 * several turns, the browser shows ✓ once its message is acknowledged, and nothing the relay forwarded
 * contains either plaintext.
 */
class BrowserAndTerminalChatTest {

    private static WebRelay relay;
    private static Browser browser;
    /** One identity for Bob in every case: the browser pinned it the first time (a new key would be refused). */
    private static final IdentityKeyPair BOB = IdentityKeyPair.generate(new SecureRandom());

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

    static Stream<Arguments> suitesAndOrder() {
        List<Arguments> cases = new ArrayList<>();
        for (String suite : List.of("P256_HKDF-SHA256_AES-256-GCM", "X25519_HKDF-SHA256_CHACHA20-POLY1305",
                "X25519MLKEM768_HKDF-SHA256_AES-256-GCM")) {
            cases.add(Arguments.of(suite, true));
            cases.add(Arguments.of(suite, false));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}, browser joins first: {1}")
    @MethodSource("suitesAndOrder")
    void browserAndTerminal_chatBothWays_withTheSameSafetyCode(String suite, boolean browserFirst) throws Exception {
        String room = "r" + Integer.toHexString(suite.hashCode()) + (browserFirst ? "a" : "b");
        JavaClient bob = browserFirst ? null : relay.javaClient("Bob", room, suite, BOB, false);
        ChatPage alice = ChatPage.join(browser, relay.pageUrl(), "Alice", room, suite);
        if (browserFirst) {
            bob = relay.javaClient("Bob", room, suite, BOB, false);
        }
        try (JavaClient terminal = bob) {
            String javaCode = terminal.events().awaitSecured("Alice", WebRelay.timeout()).safetyCode();
            alice.awaitState("Bob", "secure");
            assertThat(alice.safetyCode("Bob")).isEqualTo(javaCode).matches("\\d{4} \\d{4} \\d{4}");
            assertThat(alice.memberElement("Bob").getText()).contains(suite);

            String fromBrowser = "hello from the browser over " + suite + " é ✓";
            alice.send(fromBrowser);
            terminal.events().awaitMessage("Alice", fromBrowser, WebRelay.timeout());
            alice.awaitDelivered(fromBrowser);

            String fromTerminal = "and hello from the terminal " + browserFirst;
            terminal.chat().send(fromTerminal);
            alice.awaitMessage("Bob", fromTerminal);
            alice.awaitLine("chat", "Alice", fromBrowser); // own line, marked as Alice's
            for (int turn = 2; turn <= 3; turn++) { // more turns of the ratchet (a step each, the second a second later at most)
                alice.send("browser turn " + turn);
                terminal.events().awaitMessage("Alice", "browser turn " + turn, WebRelay.timeout());
                terminal.chat().send("terminal turn " + turn);
                alice.awaitMessage("Bob", "terminal turn " + turn);
            }

            for (byte[] frame : relay.forwarded()) {
                String seen = new String(frame, StandardCharsets.ISO_8859_1);
                assertThat(seen).doesNotContain(new String(fromBrowser.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1))
                        .doesNotContain(fromTerminal);
            }
            assertThat(relay.forwarded()).hasSizeGreaterThan(5);
        }
    }
}
