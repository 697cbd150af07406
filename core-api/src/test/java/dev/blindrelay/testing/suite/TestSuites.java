package dev.blindrelay.testing.suite;

import dev.blindrelay.kdf.HkdfSha256;
import dev.blindrelay.spi.NamedSuite;
import dev.blindrelay.suite.CipherSuite;

/** Suites built from test-only components, without ServiceLoader. */
public final class TestSuites {

    private TestSuites() {
    }

    public static CipherSuite x448Aes128() {
        return new CipherSuite(new X448KeyAgreement(), new HkdfSha256(), new Aes128Gcm());
    }

    /**
     * The same algorithms as {@link #x448Aes128()} with the AEAD under another id, e.g.
     * {@code AES-128-GCM-B}: a different suite id over identical primitives.
     */
    public static CipherSuite x448Aes128WithAeadId(String aeadId) {
        return new CipherSuite(new X448KeyAgreement(), new HkdfSha256(), new RenamedAead(aeadId, new Aes128Gcm()));
    }

    /** A named suite that only declares an id and an alias. */
    public static NamedSuite named(String id, String alias) {
        return new NamedSuite() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public String alias() {
                return alias;
            }
        };
    }
}
