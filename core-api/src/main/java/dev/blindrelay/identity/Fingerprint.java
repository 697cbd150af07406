package dev.blindrelay.identity;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Short printable forms of public keys. */
public final class Fingerprint {

    private Fingerprint() {
    }

    /** The first 8 bytes of SHA-256 of the key, hex, in pairs: enough to tell keys apart in a listing. */
    public static String hex(byte[] publicKey) {
        byte[] digest = sha256(publicKey);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i > 0) {
                out.append(':');
            }
            out.append(HexFormat.of().toHexDigits(digest[i]));
        }
        return out.toString();
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
