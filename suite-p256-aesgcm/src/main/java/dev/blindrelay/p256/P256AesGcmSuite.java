package dev.blindrelay.p256;

import dev.blindrelay.kdf.HkdfSha256;
import dev.blindrelay.spi.NamedSuite;
import dev.blindrelay.suite.SuiteId;

/** The default suite: P-256 ECDH, HKDF-SHA256 (registered by core) and AES-256-GCM. */
public final class P256AesGcmSuite implements NamedSuite {

    private static final String ID = new SuiteId(P256KeyAgreement.ID, HkdfSha256.ID, Aes256Gcm.ID).toString();

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String alias() {
        return "p256-aesgcm";
    }

    @Override
    public String description() {
        return "P-256 ECDH, HKDF-SHA256, AES-256-GCM: ~128-bit classical security, fastest where the CPU has AES "
                + "instructions; not post-quantum";
    }
}
