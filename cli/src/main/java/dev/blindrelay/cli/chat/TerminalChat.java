package dev.blindrelay.cli.chat;

import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStyle;
import org.jline.utils.InfoCmp;

import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The interactive prompt. Incoming lines are printed above the line being typed (JLine's
 * {@code printAbove}), so a message that arrives mid-sentence never garbles it. A line the user
 * sends is replaced by its chat line ({@link ChatLines#own}); Tab completes commands and names.
 */
public final class TerminalChat implements ChatOutput, AutoCloseable {

    private final Terminal terminal;
    private final LineReader reader;
    private final boolean colour;
    private volatile Supplier<Collection<String>> members = List::of;

    /** The process's terminal; colours unless {@code noColour} or the NO_COLOR variable says otherwise. */
    public TerminalChat(boolean noColour) throws IOException {
        this(TerminalBuilder.builder().system(true).build(), noColour, System.getenv("NO_COLOR"));
    }

    TerminalChat(Terminal terminal, boolean noColour, String noColorVariable) {
        this.terminal = terminal;
        this.colour = colours(terminal, noColour, noColorVariable);
        reader = LineReaderBuilder.builder().terminal(terminal)
                .completer(new ChatCompleter(() -> members.get()))
                .option(LineReader.Option.ERASE_LINE_ON_FINISH, true)
                .option(LineReader.Option.CASE_INSENSITIVE, true)
                .build();
    }

    /** Colours when the terminal has them, unless turned off (https://no-color.org: any non-empty value). */
    static boolean colours(Terminal terminal, boolean noColour, String noColorVariable) {
        if (noColour || (noColorVariable != null && !noColorVariable.isEmpty())) {
            return false;
        }
        Integer colours = terminal.getNumericCapability(InfoCmp.Capability.max_colors);
        return colours != null && colours >= 8;
    }

    @Override
    public void print(String lines) {
        lines.lines().forEach(line -> print(ChatLines.system(line)));
    }

    @Override
    public void print(AttributedString line) {
        reader.printAbove(colour ? line : new AttributedString(line.toString()));
    }

    /**
     * Reads lines until {@code handler} returns false, Ctrl-D or Ctrl-C. A command stays on screen
     * as typed; a message is shown by the handler as a chat line.
     *
     * @param names the members' names, for Tab completion
     */
    public void run(String prompt, Predicate<String> handler, Supplier<Collection<String>> names) {
        members = names;
        while (true) {
            String line;
            try {
                line = reader.readLine(prompt);
            } catch (UserInterruptException | EndOfFileException e) {
                return;
            }
            if (!line.isBlank() && !ChatCommands.isMessage(line)) {
                print(new AttributedString(prompt + line, AttributedStyle.DEFAULT.faint()));
            }
            if (!handler.test(line)) {
                return;
            }
        }
    }

    @Override
    public void close() throws IOException {
        terminal.close();
    }
}
