package dev.blindrelay.cli;

import java.io.InputStream;
import java.io.PrintStream;

/**
 * The streams a command talks through. Tests pass their own; {@link #system()} is the real terminal.
 *
 * @param interactive true when standard input is a terminal (JLine prompt); false for a pipe
 */
public record Console(InputStream in, PrintStream out, PrintStream err, boolean interactive) {

    public static Console system() {
        return new Console(System.in, System.out, System.err, System.console() != null);
    }
}
