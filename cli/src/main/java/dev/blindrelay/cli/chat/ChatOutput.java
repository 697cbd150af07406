package dev.blindrelay.cli.chat;

import org.jline.utils.AttributedString;

/** Where chat lines go: above the JLine prompt, or straight to standard output for a pipe. */
public interface ChatOutput {

    /** Prints one or more lines of ours ({@code [CLIENT] ...}) without disturbing what the user is typing. */
    void print(String lines);

    /** Prints a styled line ({@link ChatLines}); an output without colours prints its text. */
    default void print(AttributedString line) {
        print(line.toString());
    }
}
