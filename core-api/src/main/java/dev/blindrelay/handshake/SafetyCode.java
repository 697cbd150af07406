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
        String digits = String.format("%012d", Long.remainderUnsigned(value, 1_000_000_000_000L));
        return digits.substring(0, 4) + " " + digits.substring(4, 8) + " " + digits.substring(8);
    }
}
