package dev.blindrelay.handshake;

import dev.blindrelay.session.ratchet.RatchetKeys;
import dev.blindrelay.suite.CipherSuite;
import dev.blindrelay.trace.TraceValue;
import dev.blindrelay.trace.Tracer;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;

/**
 * HKDF over the shared secret, salted with the handshake hash:
 * <pre>
 * PRK  = Extract(salt = handshake hash, IKM = shared secret)
 * info = "BlindRelay/2 " || suite id || " " || label
 * i2r key / i2r iv / r2i key / r2i iv = Expand(PRK, info(label), AEAD key or nonce length)
 * confirm(label, h)                   = Expand(PRK, info(label) || h, 32)
 * </pre>
 * Each direction has its own key and base IV, so the two sides never encrypt under the same
 * (key, nonce). Owns the PRK until {@link #destroy()}.
 */
public final class KeySchedule {

    /** The protocol name and handshake version, in the transcript and in every label, signature and info. */
    public static final String PROTOCOL = "BlindRelay/" + HandshakeInit.VERSION;
    public static final int CONFIRM_LENGTH = 32;

    private final CipherSuite suite;
    private final byte[] prk;

    private KeySchedule(CipherSuite suite, byte[] prk) {
        this.suite = suite;
        this.prk = prk;
    }

    public static KeySchedule extract(CipherSuite suite, byte[] handshakeHash, byte[] sharedSecret)
            throws GeneralSecurityException {
        return new KeySchedule(suite, suite.kdf().extract(handshakeHash, sharedSecret));
    }

    /** The HKDF info for a label: binds protocol version and suite id into every derived value. */
    public static byte[] info(CipherSuite suite, String label) {
        return (PROTOCOL + " " + suite.id() + " " + label).getBytes(StandardCharsets.US_ASCII);
    }

    public byte[] expand(String label, int length) throws GeneralSecurityException {
        return suite.kdf().expand(prk, info(suite, label), length);
    }

    /** A key-confirmation value over the transcript hash {@code h}. */
    public byte[] confirm(String label, byte[] h) throws GeneralSecurityException {
        byte[] info = info(suite, label);
        byte[] input = Arrays.copyOf(info, info.length + h.length);
        System.arraycopy(h, 0, input, info.length, h.length);
        return suite.kdf().expand(prk, input, CONFIRM_LENGTH);
    }

    /** Derives the four per-direction values and traces them. */
    public DirectionKeys[] directionKeys(Tracer tracer, String party, String peer) throws GeneralSecurityException {
        int keyLength = suite.aead().keyLength();
        int ivLength = suite.aead().nonceLength();
        DirectionKeys i2r = new DirectionKeys(expand("i2r key", keyLength), expand("i2r iv", ivLength));
        DirectionKeys r2i = new DirectionKeys(expand("r2i key", keyLength), expand("r2i iv", ivLength));
        if (tracer.enabled()) {
            tracer.event(party, peer, "direction-keys",
                    "HKDF-Expand gives each direction its own key and base IV, so the two sides never share a nonce",
                    TraceValue.text("info i2r key", PROTOCOL + " " + suite.id() + " i2r key"),
                    TraceValue.secret("i2r key", i2r.key()), TraceValue.secret("i2r iv", i2r.iv()),
                    TraceValue.secret("r2i key", r2i.key()), TraceValue.secret("r2i iv", r2i.iv()));
        }
        return new DirectionKeys[] {i2r, r2i};
    }

    /**
     * A ratchet's first keys: the root key and each direction's first chain key, each as long as the KDF's hash
     * (labels "root key", "i2r chain key", "r2i chain key").
     */
    public RatchetKeys ratchetKeys(Tracer tracer, String party, String peer) throws GeneralSecurityException {
        int length = suite.kdf().hashLength();
        RatchetKeys keys = new RatchetKeys(expand("root key", length), expand("i2r chain key", length),
                expand("r2i chain key", length));
        if (tracer.enabled()) {
            tracer.event(party, peer, "ratchet-keys",
                    "HKDF-Expand gives the ratchet its root key and each direction its first chain key; every "
                            + "message key will come from a chain, every new chain from the root",
                    TraceValue.text("info root key", PROTOCOL + " " + suite.id() + " root key"),
                    TraceValue.secret("root key", keys.rootKey()),
                    TraceValue.secret("i2r chain key", keys.i2rChainKey()),
                    TraceValue.secret("r2i chain key", keys.r2iChainKey()));
        }
        return keys;
    }

    public byte[] prkForTrace() {
        return prk.clone();
    }

    public void destroy() {
        Arrays.fill(prk, (byte) 0);
    }

    /** A key and a base IV for one direction; zeroed by the session that owns them. */
    public record DirectionKeys(byte[] key, byte[] iv) {
        public void destroy() {
            Arrays.fill(key, (byte) 0);
            Arrays.fill(iv, (byte) 0);
        }
    }
}
