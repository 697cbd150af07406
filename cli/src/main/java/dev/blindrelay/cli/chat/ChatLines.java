package dev.blindrelay.cli.chat;

import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;

import java.time.Clock;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;

/**
 * How lines look: chat lines start with the time ({@code 14:05 Bob > hi}), your own lines are marked
 * {@code (you)}, and each kind of line has its colour. The style only shows on a terminal with
 * colours; everywhere else the text alone is printed, and it still tells the kinds apart.
 */
public final class ChatLines {

    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");
    private static final AttributedStyle TIME = AttributedStyle.DEFAULT.faint();
    private static final AttributedStyle PEER = AttributedStyle.BOLD;
    private static final AttributedStyle SELF = AttributedStyle.BOLD.foreground(AttributedStyle.CYAN);
    private static final AttributedStyle PRIVATE = AttributedStyle.DEFAULT.foreground(AttributedStyle.MAGENTA);

    private final Clock clock;

    public ChatLines(Clock clock) {
        this.clock = clock;
    }

    /** Lines without the time, for the demo's scripted transcript. */
    public static ChatLines withoutTime() {
        return new ChatLines(null);
    }

    /** {@code 14:05 Bob > text}, or {@code 14:05 Bob (private) > text}. {@code text} is already clean. */
    public AttributedString incoming(String from, String text, boolean direct) {
        AttributedStringBuilder line = time().styled(PEER, from);
        if (direct) {
            line.append(" ").styled(PRIVATE, "(private)");
        }
        return line.append(" > ").append(text).toAttributedString();
    }

    /** {@code 14:05 Alice (you) > text}, or {@code 14:05 Alice (you, to Bob) > text} for one member. */
    public AttributedString own(String self, String to, String text) {
        AttributedStringBuilder line = time().styled(SELF, self + " (you");
        if (to != null) {
            line.styled(SELF, ", ").styled(PRIVATE, "to " + to);
        }
        return line.styled(SELF, ")").append(" > ").append(text).toAttributedString();
    }

    /** A line of ours ({@code [WARN] ...}, {@code [SUCCESS] ...}), coloured by its tag. */
    public static AttributedString system(String line) {
        AttributedStyle style = AttributedStyle.DEFAULT;
        if (line.startsWith("[WARN]")) {
            style = style.foreground(AttributedStyle.YELLOW);
        } else if (line.startsWith("[SUCCESS]")) {
            style = AttributedStyle.BOLD.foreground(AttributedStyle.GREEN);
        } else if (line.startsWith("[RELAY]")) {
            style = style.foreground(AttributedStyle.BLUE);
        } else if (line.startsWith("  \u2713")) {
            style = style.faint();
        }
        return new AttributedString(line, style);
    }

    private AttributedStringBuilder time() {
        AttributedStringBuilder line = new AttributedStringBuilder();
        return clock == null ? line : line.styled(TIME, LocalTime.now(clock).format(HH_MM)).append(' ');
    }
}
