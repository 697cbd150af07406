package dev.blindrelay.session.ratchet;

import java.security.GeneralSecurityException;

/**
 * A message further ahead of the last one received than the session keeps keys for: computing its key would mean
 * deriving (and keeping) that many keys first, so it is refused before any work, as a forgery would be.
 */
public final class SkippedTooFarException extends GeneralSecurityException {

    public SkippedTooFarException(String message) {
        super(message);
    }
}
