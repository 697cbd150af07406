package dev.blindrelay.session;

import java.security.GeneralSecurityException;

/** A message whose counter was already used: the relay replayed or reordered it. */
public final class ReplayException extends GeneralSecurityException {

    public ReplayException(String message) {
        super(message);
    }
}
