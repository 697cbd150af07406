package dev.blindrelay.session;

import java.util.Optional;

/**
 * A thief's copy of one side's session state, taken at one moment: everything that side's memory held. It is the
 * attacker of the compromise lesson ({@code blindrelay demo --compromise-at K}) and of its tests: given the relay's
 * recording, it reads what that state allows, and nothing else.
 */
public interface StolenSession extends AutoCloseable {

    /**
     * Tries to decrypt one recorded DATA frame of this session, sent by either side. Frames after the theft must be
     * offered in the order the relay forwarded them, as the thief follows the session with its copy.
     *
     * @return the plaintext, or empty when the stolen state cannot decrypt this frame
     */
    Optional<byte[]> read(byte[] frame);

    /** Erases the copy. */
    @Override
    void close();
}
