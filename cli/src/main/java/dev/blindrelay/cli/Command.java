package dev.blindrelay.cli;

/** One {@code blindrelay <command>}. */
public interface Command {

    String name();

    /** One line for the command list. */
    String summary();

    /**
     * @return the process exit code
     * @throws UsageException for bad flags (exit code 2)
     * @throws Exception      anything else is reported as one line (exit code 1)
     */
    int run(String[] args, Console console) throws Exception;
}
