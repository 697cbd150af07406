package dev.blindrelay.x25519mlkem768;

import dev.blindrelay.kdf.HkdfSha256;
import dev.blindrelay.p256.Aes256Gcm;
import dev.blindrelay.spi.NamedSuite;
import dev.blindrelay.suite.SuiteId;

/**
 * The post-quantum hybrid X25519MLKEM768, HKDF-SHA256 (registered by core) and AES-256-GCM (registered by the
 * P-256 suite): protects today's recorded traffic against tomorrow's quantum computer.
 */
public final class X25519MlKem768Suite implements NamedSuite {

    private static final String ID = new SuiteId(X25519MlKem768.ID, HkdfSha256.ID, Aes256Gcm.ID).toString();

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String alias() {
        return "pq";
    }

    @Override
    public String description() {
        return "X25519MLKEM768 hybrid, HKDF-SHA256, AES-256-GCM: post-quantum (ML-KEM-768) and classical (X25519) "
                + "at once, safe while either holds; ~2.5 KB of handshake instead of ~0.5 KB";
    }
}
