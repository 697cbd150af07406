package dev.blindrelay.suite;

import dev.blindrelay.spi.Aead;
import dev.blindrelay.spi.Kdf;
import dev.blindrelay.spi.KeyAgreement;

import java.util.Objects;

/** One key agreement, one KDF and one AEAD, named by their ids. Immutable. */
public final class CipherSuite {

    public static final String DEFAULT_ID = "P256_HKDF-SHA256_AES-256-GCM";

    private final SuiteId id;
    /** {@link #id()}, made once: every HKDF label and transcript of a handshake asks for it. */
    private final String idText;
    private final KeyAgreement keyAgreement;
    private final Kdf kdf;
    private final Aead aead;

    public CipherSuite(KeyAgreement keyAgreement, Kdf kdf, Aead aead) {
        this.keyAgreement = Objects.requireNonNull(keyAgreement, "keyAgreement");
        this.kdf = Objects.requireNonNull(kdf, "kdf");
        this.aead = Objects.requireNonNull(aead, "aead");
        this.id = new SuiteId(keyAgreement.id(), kdf.id(), aead.id());
        this.idText = id.toString();
        if (aead.nonceLength() < 8) {
            throw new IllegalArgumentException("AEAD " + aead.id() + " has a " + aead.nonceLength()
                    + "-byte nonce; the protocol needs at least 8 bytes for the 64-bit counter");
        }
    }

    public SuiteId suiteId() {
        return id;
    }

    public String id() {
        return idText;
    }

    public KeyAgreement keyAgreement() {
        return keyAgreement;
    }

    public Kdf kdf() {
        return kdf;
    }

    public Aead aead() {
        return aead;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CipherSuite other && id.equals(other.id);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }

    @Override
    public String toString() {
        return id.toString();
    }
}
