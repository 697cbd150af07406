package dev.blindrelay.spi;

import java.security.GeneralSecurityException;

/** An extract-then-expand key derivation function (RFC 5869 shape). Stateless. */
public interface Kdf extends Plugin {

    /** Output length of {@link #extract}, in bytes. */
    int hashLength();

    /** PRK = Extract(salt, ikm). An empty salt means hashLength zero bytes, as in RFC 5869. */
    byte[] extract(byte[] salt, byte[] ikm) throws GeneralSecurityException;

    /** OKM = Expand(prk, info, length). Fails when length exceeds 255 * hashLength. */
    byte[] expand(byte[] prk, byte[] info, int length) throws GeneralSecurityException;
}
