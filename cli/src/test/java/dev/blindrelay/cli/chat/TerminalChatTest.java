package dev.blindrelay.cli.chat;

import org.jline.terminal.Terminal;
import org.jline.terminal.impl.ExternalTerminal;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The interactive prompt on a virtual terminal: what was typed, with Tab, and what is printed. */
class TerminalChatTest {

    private static final Clock FIVE_PAST_TWO = Clock.fixed(Instant.parse("2024-05-01T14:05:00Z"), ZoneOffset.UTC);

    private final ByteArrayOutputStream screen = new ByteArrayOutputStream();

    private Terminal terminal(String type, String typed) throws IOException {
        // Output straight to the stream, no pseudo-terminal in between: what was printed is there at once.
        return new ExternalTerminal("test", type, new ByteArrayInputStream(typed.getBytes(StandardCharsets.UTF_8)),
                screen, StandardCharsets.UTF_8);
    }

    /** Runs the prompt over {@code typed} and returns the lines the handler received. */
    private List<String> typed(String typed, List<String> members) throws IOException {
        List<String> received = new ArrayList<>();
        try (TerminalChat chat = new TerminalChat(terminal("xterm-256color", typed), false, null)) {
            chat.run("Alice > ", line -> received.add(line), () -> members);
        }
        return received;
    }

    @Test
    void tab_completesCommandsAndMemberNames_ignoringCase() throws IOException {
        assertThat(typed("/ms\tbo\thi\r/tr\tca\t\r", List.of("Bob", "Carol")))
                .containsExactly("/msg Bob hi", "/trust Carol "); // a completed word gets its space
    }

    @Test
    void tab_completesNamesInsideAMessage() throws IOException {
        assertThat(typed("thanks Ca\t!\r", List.of("Bob", "Carol"))).containsExactly("thanks Carol !");
    }

    @Test
    void colours_onAColourTerminal_offForNoColorAndTheFlagAndADumbTerminal() throws IOException {
        assertThat(TerminalChat.colours(terminal("xterm-256color", ""), false, null)).isTrue();
        assertThat(TerminalChat.colours(terminal("xterm-256color", ""), false, "1")).isFalse();
        assertThat(TerminalChat.colours(terminal("xterm-256color", ""), false, "")).as("empty NO_COLOR is unset").isTrue();
        assertThat(TerminalChat.colours(terminal("xterm-256color", ""), true, null)).isFalse();
        assertThat(TerminalChat.colours(terminal("dumb", ""), false, null)).isFalse();
    }

    @Test
    void print_styledLinesInColour_orPlainWithNoColor() throws IOException {
        ChatLines lines = new ChatLines(FIVE_PAST_TWO);
        try (TerminalChat chat = new TerminalChat(terminal("xterm-256color", ""), false, null)) {
            chat.print(lines.incoming("Bob", "hi", false));
        }
        assertThat(screen.toString(StandardCharsets.UTF_8)).contains("\u001b[").contains("Bob");
        screen.reset();
        try (TerminalChat chat = new TerminalChat(terminal("xterm-256color", ""), false, "1")) {
            chat.print(lines.incoming("Bob", "hi", false));
            chat.print("[WARN] careful");
        }
        assertThat(screen.toString(StandardCharsets.UTF_8)).doesNotContain("\u001b[").contains("14:05 Bob > hi")
                .contains("[WARN] careful");
    }

    @Test
    void chatLines_plainTextTellsOwnIncomingAndPrivateApart() {
        ChatLines lines = new ChatLines(FIVE_PAST_TWO);
        assertThat(lines.incoming("Bob", "hi", false).toString()).isEqualTo("14:05 Bob > hi");
        assertThat(lines.incoming("Bob", "psst", true).toString()).isEqualTo("14:05 Bob (private) > psst");
        assertThat(lines.own("Alice", null, "hello").toString()).isEqualTo("14:05 Alice (you) > hello");
        assertThat(lines.own("Alice", "Bob", "psst").toString()).isEqualTo("14:05 Alice (you, to Bob) > psst");
    }
}
