package dev.blindrelay.browser;

import dev.blindrelay.identity.SafetyNumber;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The web client's JavaScript unit tests (web-client/src/test/js), in Chromium: they recompute the
 * PROTOCOL.md worked example byte for byte with the browser's WebCrypto and the bundled @noble code
 * (the handshake and the ratchet's four messages), run the ratchet over every suite with drops,
 * reordering and forgeries, and check the key agreements' refusals. The page is served by a real relay, as the client is.
 */
class JavaScriptUnitTest {

    @Test
    void workedExample_isRecomputedByteForByteInTheBrowser() throws Exception {
        Map<String, String> example = new HashMap<>(WorkedExample.read());
        assertThat(example).containsKeys("frame.init", "frame.response", "frame.finish", "root.key", "safety.code",
                "message.1.frame", "message.4.frame");
        HexFormat hex = HexFormat.of();
        // The safety number of the example's identities: the document's, which the Java implementation agrees with.
        String javaNumber = SafetyNumber.of(example.get("initiator"), hex.parseHex(example.get("alice.identity.public")),
                example.get("responder"), hex.parseHex(example.get("bob.identity.public")));
        String documented = example.putIfAbsent("safety.number", javaNumber.replaceAll("\\s+", " "));
        if (documented != null) {
            assertThat(documented).isEqualTo(javaNumber.replaceAll("\\s+", " "));
        }
        try (WebRelay relay = WebRelay.start(); Browser browser = new Browser()) {
            browser.open(relay.pageUrl() + "test/unit.html");
            browser.await("the unit tests loaded", d -> (Boolean) browser.script("return typeof window.runUnitTests === 'function'"));
            @SuppressWarnings("unchecked")
            List<String> results = (List<String>) browser.asyncScript(
                    "const done = arguments[arguments.length - 1]; window.runUnitTests(arguments[0]).then(done);", example);
            results.forEach(System.out::println);
            assertThat(results).hasSizeGreaterThan(30);
            assertThat(results).filteredOn(line -> !line.startsWith("ok ")).isEmpty();
            assertThat(results).anyMatch(line -> line.startsWith("ok   frame.finish"));
            assertThat(results).anyMatch(line -> line.startsWith("ok   message.4.frame"));
            assertThat(results).anyMatch(line -> line.startsWith("ok   static: Bob reads"));
        }
    }
}
