package dev.blindrelay.session;

/**
 * A message that decrypted and authenticated.
 *
 * @param plaintext the inner payload
 * @param counter   its message counter (in a ratchet: its number in the sender's chain)
 * @param missed    how many messages were skipped just before it: dropped by the relay, or (ratchet) delayed
 * @param late      true when it arrived after a later one, and its key had been kept for it (ratchet only)
 */
public record Opened(byte[] plaintext, long counter, long missed, boolean late) {

    public Opened(byte[] plaintext, long counter, long missed) {
        this(plaintext, counter, missed, false);
    }
}
