package dev.blindrelay.cli;

/** The user's command line or config file is wrong. Printed as one line; exit code 2. */
public final class UsageException extends RuntimeException {

    public UsageException(String message) {
        super(message);
    }
}
