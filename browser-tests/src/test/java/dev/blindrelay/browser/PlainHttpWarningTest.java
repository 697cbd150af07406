package dev.blindrelay.browser;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Opened over plain http from a host that is not loopback, the page says loudly that it could have
 * been changed in transit, and refuses to join until the user acknowledges it. (Chromium resolves the
 * made-up name relay.example.test to 127.0.0.1 here; to the page it is another machine.)
 */
class PlainHttpWarningTest {

    @Test
    void plainHttpFromAnotherHost_warns_andRefusesToJoin() throws Exception {
        try (WebRelay relay = WebRelay.start();
             Browser browser = new Browser(1280, 900, List.of("--host-resolver-rules=MAP relay.example.test 127.0.0.1"))) {
            browser.open("http://relay.example.test:" + relay.address().getPort() + "/");
            assertThat(browser.find("#transport-warning").isDisplayed()).isTrue();
            assertThat(browser.find("#transport-warning").getText()).contains("plain http").contains("changed");

            browser.find("#name").sendKeys("Alice");
            browser.find("#join").click();
            browser.await("the refusal", d -> browser.pageText("#join-error").contains("Not joined"));
            assertThat(browser.find("#message").isEnabled()).isFalse();
        }
    }

    @Test
    void loopback_hasNoWarning() throws Exception {
        try (WebRelay relay = WebRelay.start(); Browser browser = new Browser()) {
            browser.open(relay.pageUrl());
            assertThat(browser.find("#transport-warning").isDisplayed()).isFalse();
        }
    }
}
