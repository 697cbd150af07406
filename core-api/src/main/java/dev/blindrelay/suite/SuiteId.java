package dev.blindrelay.suite;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * A canonical cipher-suite id, {@code <KA>_<KDF>_<AEAD>}, e.g. {@code P256_HKDF-SHA256_AES-256-GCM}.
 * Parsed strictly: exactly three upper-case components of letters, digits and inner dashes. The id
 * goes into the handshake transcript and every HKDF label, so two suites never derive the same keys.
 */
public record SuiteId(String keyAgreement, String kdf, String aead) {

    /** One component: upper-case letters and digits, dashes only between them, at most 32 characters. */
    private static final Pattern COMPONENT = Pattern.compile("[A-Z0-9](?:[A-Z0-9-]{0,30}[A-Z0-9])?");
    public static final int MAX_LENGTH = 3 * 32 + 2;

    public SuiteId {
        requireComponent("key agreement", keyAgreement);
        requireComponent("KDF", kdf);
        requireComponent("AEAD", aead);
    }

    /** @throws IllegalArgumentException with the reason, when {@code text} is not a canonical id */
    public static SuiteId parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("empty suite id; expected <KA>_<KDF>_<AEAD>, e.g. P256_HKDF-SHA256_AES-256-GCM");
        }
        String[] parts = text.split("_", -1);
        if (parts.length != 3) {
            throw new IllegalArgumentException("suite id '" + text + "' must have exactly three parts <KA>_<KDF>_<AEAD>, "
                    + "e.g. P256_HKDF-SHA256_AES-256-GCM");
        }
        return new SuiteId(parts[0], parts[1], parts[2]);
    }

    private static void requireComponent(String what, String value) {
        if (value == null || !COMPONENT.matcher(value).matches()) {
            throw new IllegalArgumentException("invalid " + what + " id '" + value
                    + "' in suite id: use upper-case letters, digits and inner dashes, at most 32 characters");
        }
    }

    public byte[] toBytes() {
        return toString().getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public String toString() {
        return keyAgreement + "_" + kdf + "_" + aead;
    }
}
