package dev.blindrelay.spi;

/**
 * Anything the registry discovers through {@link java.util.ServiceLoader}: it has a stable id that
 * configuration files and the wire protocol refer to, so an id must never change once published.
 */
public interface Plugin {

    /** Stable identifier, e.g. {@code "AES-256-GCM"} or {@code "tcp"}. */
    String id();

    /** Which implementation serves this plugin, e.g. {@code "SunJCE"}; shown by {@code blindrelay suites}. */
    default String provider() {
        return "built-in";
    }

    /**
     * One line on what this is and its security properties, for listings and the comparison, e.g.
     * "ECDH on NIST P-256: ~128-bit security, not post-quantum".
     */
    default String description() {
        return id();
    }
}
