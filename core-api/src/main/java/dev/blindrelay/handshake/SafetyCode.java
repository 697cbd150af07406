package dev.blindrelay.handshake;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * A 12-digit code derived from the handshake hash, which covers both names and both ephemeral and
 * identity keys. Both people see the same code; a relay that swaps keys gives each side a different
 * transcript, hence different codes.
 */
public final class SafetyCode {

    private static final byte[] LABEL = (KeySchedule.PROTOCOL + " safety code").getBytes(StandardCharsets.US_ASCII);

    private SafetyCode() {
    }

    /** {@code SHA-256(label || handshakeHash)}, first 8 bytes as unsigned big-endian, mod 10^12, as "dddd dddd dddd". */
    public static String of(byte[] handshakeHash) {
        MessageDigest digest = Transcript.sha256();
        digest.update(LABEL);
        byte[] out = digest.digest(handshakeHash);
        long value = 0;
        for (int i = 0; i < 8; i++) {
            value = (value << 8) | (out[i] & 0xFF);
        }
        // Digit by digit, not String.format: the formatter cost more than the hash, on every handshake's path.
        long code = Long.remainderUnsigned(value, 1_000_000_000_000L);
        char[] text = new char[14];
        for (int i = text.length - 1; i >= 0; i--) {
            if (i == 4 || i == 9) {
                text[i] = ' ';
            } else {
                text[i] = (char) ('0' + code % 10);
                code /= 10;
            }
        }
        return new String(text);
    }
}
