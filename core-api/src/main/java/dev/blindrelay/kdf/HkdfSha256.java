package dev.blindrelay.kdf;

import dev.blindrelay.spi.Kdf;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.security.GeneralSecurityException;
import java.util.Arrays;

/**
 * HKDF with HMAC-SHA256 (RFC 5869), over the JDK's {@code Mac}: it uses the CPU's SHA instructions and
 * measured about 4x faster than BouncyCastle's HKDF generator. Lives in core because every suite
 * shipped today shares it, and a component id may be registered only once.
 */
public final class HkdfSha256 implements Kdf {

    public static final String ID = "HKDF-SHA256";
    private static final String MAC = "HmacSHA256";
    private static final int HASH_LENGTH = 32;

    /*
     * One Mac per thread: Mac.getInstance looks the algorithm up in the providers on every call, which was about
     * half the cost of a ratchet's chain step (one Expand per message). A Mac is not thread-safe, so never shared;
     * init resets it for each key.
     */
    private final ThreadLocal<Mac> macs = new ThreadLocal<>();

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String provider() {
        try {
            return Mac.getInstance(MAC).getProvider().getName();
        } catch (GeneralSecurityException e) {
            return "unavailable";
        }
    }

    @Override
    public String description() {
        return "HKDF with HMAC-SHA256 (RFC 5869): extract-then-expand, 256-bit PRK, up to 8160 output bytes";
    }

    @Override
    public int hashLength() {
        return HASH_LENGTH;
    }

    @Override
    public byte[] extract(byte[] salt, byte[] ikm) throws GeneralSecurityException {
        byte[] effectiveSalt = salt.length == 0 ? new byte[HASH_LENGTH] : salt;
        Mac mac = mac();
        mac.init(new SecretKeySpec(effectiveSalt, MAC));
        return mac.doFinal(ikm);
    }

    private Mac mac() throws GeneralSecurityException {
        Mac mac = macs.get();
        if (mac == null) {
            mac = Mac.getInstance(MAC);
            macs.set(mac);
        }
        return mac;
    }

    @Override
    public byte[] expand(byte[] prk, byte[] info, int length) throws GeneralSecurityException {
        if (length < 0 || length > 255 * HASH_LENGTH) {
            throw new GeneralSecurityException("HKDF-SHA256 output of " + length
                    + " bytes requested; the maximum is " + 255 * HASH_LENGTH);
        }
        if (prk.length < HASH_LENGTH) {
            throw new GeneralSecurityException("HKDF-SHA256 PRK must be at least " + HASH_LENGTH + " bytes");
        }
        Mac mac = mac();
        mac.init(new SecretKeySpec(prk, MAC));
        byte[] okm = new byte[length];
        byte[] block = new byte[0];
        int written = 0;
        for (int counter = 1; written < length; counter++) {
            mac.update(block);
            mac.update(info);
            mac.update((byte) counter);
            byte[] next = mac.doFinal();
            Arrays.fill(block, (byte) 0);
            block = next;
            int take = Math.min(block.length, length - written);
            System.arraycopy(block, 0, okm, written, take);
            written += take;
        }
        Arrays.fill(block, (byte) 0);
        return okm;
    }
}
