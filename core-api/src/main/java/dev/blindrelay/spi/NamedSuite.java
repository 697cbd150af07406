package dev.blindrelay.spi;

/**
 * A cipher suite that a plugin recommends, with a short alias for the command line.
 * Any well-formed combination of registered components also works; a named suite is the one that
 * a plugin ships, tests and lists in {@code blindrelay suites}.
 */
public interface NamedSuite extends Plugin {

    /** The canonical id, {@code <KA>_<KDF>_<AEAD>}. */
    @Override
    String id();

    /** A short lowercase name such as {@code p256-aesgcm}. */
    String alias();
}
