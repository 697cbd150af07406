package dev.blindrelay.x25519;

import dev.blindrelay.kdf.HkdfSha256;
import dev.blindrelay.spi.NamedSuite;
import dev.blindrelay.suite.SuiteId;

/** X25519, HKDF-SHA256 (registered by core) and ChaCha20-Poly1305: the choice for CPUs without AES instructions. */
public final class X25519ChaChaSuite implements NamedSuite {

    private static final String ID = new SuiteId(X25519KeyAgreement.ID, HkdfSha256.ID, ChaCha20Poly1305.ID).toString();

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String alias() {
        return "x25519-chacha";
    }

    @Override
    public String description() {
        return "X25519, HKDF-SHA256, ChaCha20-Poly1305: ~128-bit security, constant-time and fast without AES "
                + "hardware; not post-quantum";
    }
}
