package dev.blindrelay.cli.chat;

/** Where chat lines go: above the JLine prompt, or straight to standard output for a pipe. */
public interface ChatOutput {

    /** Prints one or more lines without disturbing what the user is typing. */
    void print(String lines);
}
