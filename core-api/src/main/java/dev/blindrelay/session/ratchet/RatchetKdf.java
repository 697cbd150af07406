package dev.blindrelay.session.ratchet;

import dev.blindrelay.handshake.KeySchedule;
import dev.blindrelay.spi.Kdf;
import dev.blindrelay.suite.CipherSuite;

import java.security.GeneralSecurityException;
import java.util.Arrays;

/**
 * The ratchet's two derivations, with the suite's own KDF and the labels of PROTOCOL.md section 8 (each bound to the
 * protocol version and the suite id, as every label of the key schedule is):
 * <pre>
 * symmetric step:  CK' || MK = Expand(CK, info("chain step"), H + Nk)
 * root step:       RK' || CK = Expand(Extract(salt = RK, IKM = secret), info("root step"), 2H)
 * </pre>
 * H is the KDF's hash length, Nk the AEAD's key length. Stateless; the infos are computed once.
 */
final class RatchetKdf {

    static final String CHAIN_STEP = "chain step";
    static final String ROOT_STEP = "root step";

    private final Kdf kdf;
    private final byte[] chainInfo;
    private final byte[] rootInfo;
    private final int hashLength;
    private final int keyLength;

    RatchetKdf(CipherSuite suite) {
        this.kdf = suite.kdf();
        this.chainInfo = KeySchedule.info(suite, CHAIN_STEP);
        this.rootInfo = KeySchedule.info(suite, ROOT_STEP);
        this.hashLength = kdf.hashLength();
        this.keyLength = suite.aead().keyLength();
    }

    int hashLength() {
        return hashLength;
    }

    /** The next chain key (first H bytes) and the message key (the Nk after them), in one Expand. */
    byte[] chainStep(byte[] chainKey) throws GeneralSecurityException {
        return kdf.expand(chainKey, chainInfo, hashLength + keyLength);
    }

    /** The next root key (first H bytes) and the new chain key (the H after them). */
    byte[] rootStep(byte[] rootKey, byte[] secret) throws GeneralSecurityException {
        byte[] prk = kdf.extract(rootKey, secret);
        try {
            return kdf.expand(prk, rootInfo, 2 * hashLength);
        } finally {
            Arrays.fill(prk, (byte) 0);
        }
    }
}
