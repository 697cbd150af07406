package dev.blindrelay.session;

/**
 * A message that decrypted and authenticated.
 *
 * @param plaintext the inner payload
 * @param counter   its message counter
 * @param missed    how many counters were skipped just before it: messages the relay dropped
 */
public record Opened(byte[] plaintext, long counter, long missed) {
}
