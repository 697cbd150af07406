package dev.blindrelay.browser;

import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The web client's page through its stable element ids (#name, #room, #suite, #join, #message,
 * #send, #log, #members): exactly what users' scripts may rely on.
 */
final class ChatPage {

    private final Browser browser;
    final String name;

    ChatPage(Browser browser, String name) {
        this.browser = browser;
        this.name = name;
    }

    /** Opens the page the relay serves and joins {@code room} with the suite preference list. */
    static ChatPage join(Browser browser, String baseUrl, String name, String room, String suites) {
        return join(browser, baseUrl, name, room, suites, "ratchet");
    }

    /** ... with a session type (#session: ratchet, the default, or static). */
    static ChatPage join(Browser browser, String baseUrl, String name, String room, String suites, String session) {
        browser.open(baseUrl);
        ChatPage page = new ChatPage(browser, name);
        page.fill("#name", name);
        page.fill("#room", room);
        page.fill("#suite", suites);
        new Select(browser.find("#session")).selectByValue(session);
        browser.find("#join").click();
        browser.await(name + " joined", d -> browser.find("#message").isEnabled()
                || !browser.pageText("#join-error").isEmpty());
        String error = browser.pageText("#join-error");
        if (!browser.find("#message").isEnabled()) {
            throw new AssertionError(name + " could not join: " + error);
        }
        return page;
    }

    private void fill(String css, String value) {
        WebElement input = browser.find(css);
        input.clear();
        input.sendKeys(value);
    }

    /** Types a message and presses Enter. */
    void send(String text) {
        WebElement input = browser.find("#message");
        input.sendKeys(text);
        input.sendKeys(Keys.ENTER);
    }

    /** Clicks #send instead of pressing Enter. */
    void sendWithButton(String text) {
        browser.find("#message").sendKeys(text);
        browser.find("#send").click();
    }

    /** The #log lines as kind|from|text. */
    List<String> lines() {
        @SuppressWarnings("unchecked")
        List<String> lines = (List<String>) browser.script("return [...document.querySelectorAll('#log > *')]"
                + ".map(e => e.dataset.kind + '|' + e.dataset.from + '|' + e.textContent)");
        return lines;
    }

    /** Waits for a chat line from {@code from} that contains {@code text}. */
    void awaitMessage(String from, String text) {
        awaitLine("chat", from, text);
    }

    void awaitWarning(String containing) {
        awaitLine("warning", "", containing);
    }

    void awaitLine(String kind, String from, String containing) {
        browser.await("a " + kind + " line from '" + from + "' containing '" + containing + "'",
                d -> lines().stream().anyMatch(l -> l.startsWith(kind + "|" + from + "|") && l.contains(containing)));
    }

    long count(String kind, String from, String containing) {
        return lines().stream().filter(l -> l.startsWith(kind + "|" + from + "|") && l.contains(containing)).count();
    }

    /** data-state of each member in #members. */
    Map<String, String> memberStates() {
        @SuppressWarnings("unchecked")
        Map<String, String> states = (Map<String, String>) browser.script("return Object.fromEntries("
                + "[...document.querySelectorAll('#members > [data-name]')].map(e => [e.dataset.name, e.dataset.state]))");
        return states;
    }

    void awaitState(String member, String state) {
        browser.await(member + " in state " + state + " (states: " + "see #members)",
                d -> state.equals(memberStates().get(member)));
    }

    /** The 12-digit safety code shown for {@code member}, once secure. */
    String safetyCode(String member) {
        awaitMemberAttribute(member, "data-safety-code");
        return memberElement(member).getAttribute("data-safety-code");
    }

    private void awaitMemberAttribute(String member, String attribute) {
        browser.await(member + " has " + attribute, d -> {
            WebElement e = memberElement(member);
            return e != null && !e.getAttribute(attribute).isEmpty();
        });
    }

    WebElement memberElement(String member) {
        return browser.findAll("#members > [data-name]").stream()
                .filter(e -> member.equals(e.getAttribute("data-name"))).findFirst().orElse(null);
    }

    void clickMemberAction(String member, String action) {
        memberElement(member).findElement(org.openqa.selenium.By.cssSelector("[data-action='" + action + "']")).click();
    }

    /** Waits until every own line with this text has its ✓. */
    void awaitDelivered(String text) {
        browser.await("✓ on '" + text + "'", d -> browser.findAll("#log > .own").stream()
                .anyMatch(e -> e.getText().contains(text) && e.getText().contains("✓")));
    }

    String log() {
        return lines().stream().collect(Collectors.joining("\n"));
    }
}
