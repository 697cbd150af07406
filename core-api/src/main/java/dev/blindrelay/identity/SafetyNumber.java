package dev.blindrelay.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * A 60-digit number computed from both identity keys and names, stable across sessions, as in
 * Signal's safety numbers: each side's 30 digits come from 5200 rounds of SHA-512 over its key and
 * name (slow on purpose, to make grinding for a look-alike key expensive), and the two halves are
 * sorted so both people see the same number.
 */
public final class SafetyNumber {

    private static final int ITERATIONS = 5200;
    private static final byte[] VERSION = {0, 0};

    private SafetyNumber() {
    }

    /** Twelve groups of five digits, e.g. "12345 67890 ...". */
    public static String of(String nameA, byte[] keyA, String nameB, byte[] keyB) {
        String a = half(nameA, keyA);
        String b = half(nameB, keyB);
        String digits = a.compareTo(b) <= 0 ? a + b : b + a;
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < digits.length(); i += 5) {
            if (i > 0) {
                out.append(i % 30 == 0 ? "\n" : " ");
            }
            out.append(digits, i, i + 5);
        }
        return out.toString();
    }

    /** The 30 digits for one party. */
    static String half(String name, byte[] publicKey) {
        MessageDigest sha512 = sha512();
        sha512.update(VERSION);
        sha512.update(publicKey);
        sha512.update(name.getBytes(StandardCharsets.UTF_8));
        byte[] hash = sha512.digest();
        for (int i = 0; i < ITERATIONS; i++) {
            sha512.update(hash);
            sha512.update(publicKey);
            hash = sha512.digest();
        }
        StringBuilder digits = new StringBuilder(30);
        for (int chunk = 0; chunk < 6; chunk++) {
            long value = 0;
            for (int i = 0; i < 5; i++) {
                value = (value << 8) | (hash[chunk * 5 + i] & 0xFF);
            }
            digits.append(String.format("%05d", value % 100_000));
        }
        return digits.toString();
    }

    private static MessageDigest sha512() {
        try {
            return MessageDigest.getInstance("SHA-512");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-512 is required by every Java platform", e);
        }
    }
}
