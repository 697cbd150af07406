package dev.blindrelay.testing.suite;

import dev.blindrelay.spi.NamedSuite;

/** The third suite, from test sources only: X448 + HKDF-SHA256 + AES-128-GCM. */
public final class X448Aes128Suite implements NamedSuite {

    public static final String ID = "X448_HKDF-SHA256_AES-128-GCM";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String alias() {
        return "x448-aes128";
    }
}
