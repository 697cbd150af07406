package dev.blindrelay.cli.chat;

import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

import java.io.IOException;
import java.util.function.Predicate;

/**
 * The interactive prompt. Incoming lines are printed above the line being typed (JLine's
 * {@code printAbove}), so a message that arrives mid-sentence never garbles it.
 */
public final class TerminalChat implements ChatOutput, AutoCloseable {

    private final Terminal terminal;
    private final LineReader reader;

    public TerminalChat() throws IOException {
        terminal = TerminalBuilder.builder().system(true).build();
        reader = LineReaderBuilder.builder().terminal(terminal).build();
    }

    @Override
    public void print(String lines) {
        reader.printAbove(lines);
    }

    /** Reads lines until {@code handler} returns false, Ctrl-D or Ctrl-C. */
    public void run(String prompt, Predicate<String> handler) {
        while (true) {
            String line;
            try {
                line = reader.readLine(prompt);
            } catch (UserInterruptException | EndOfFileException e) {
                return;
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
