package dev.blindrelay.bench.jmh;

import dev.blindrelay.identity.IdentityKeyPair;
import dev.blindrelay.spi.Aead;
import dev.blindrelay.spi.AeadKey;
import dev.blindrelay.spi.Kdf;
import dev.blindrelay.spi.KeyAgreement;
import dev.blindrelay.spi.KeyAgreementResponse;
import dev.blindrelay.spi.KeyShare;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/** Each primitive on its own, per plugin and per provider variant. Throughput: operations per second. */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class PrimitiveBenchmarks {

    /**
     * One ephemeral key pair plus one agreement: what each side of a handshake spends; and the agreement alone,
     * with a key share made beforehand.
     */
    @State(Scope.Thread)
    public static class KeyAgreementState {
        @Param({"P256", "X25519"})
        public String keyAgreement;

        @Param({"BouncyCastle", "SunEC"})
        public String provider;

        KeyAgreement ka;
        KeyShare own;
        byte[] peerPublic;

        @Setup
        public void setUp() throws GeneralSecurityException {
            ka = Implementations.keyAgreement(keyAgreement, provider);
            own = ka.generate();
            KeyShare peer = ka.generate();
            peerPublic = peer.publicBytes();
            peer.destroy();
        }

        @TearDown
        public void tearDown() {
            own.destroy();
        }
    }

    @Benchmark
    public byte[] keyAgreement_keygenAndAgree(KeyAgreementState state) throws GeneralSecurityException {
        KeyAgreementResponse response = state.ka.respond(state.peerPublic);
        return response.sharedSecret();
    }

    @Benchmark
    public byte[] keyAgreement_agree(KeyAgreementState state) throws GeneralSecurityException {
        return state.ka.finish(state.own, state.peerPublic);
    }

    /** The identity key (Ed25519) signing, and checking, a labelled transcript hash as each handshake side does. */
    @State(Scope.Thread)
    public static class SignatureState {
        IdentityKeyPair identity;
        byte[] publicKey;
        byte[] message = new byte[64];
        byte[] signature;

        @Setup
        public void setUp() {
            identity = IdentityKeyPair.generate(new SecureRandom());
            publicKey = identity.publicKey();
            Arrays.fill(message, (byte) 'h');
            signature = identity.sign(message);
        }
    }

    @Benchmark
    public byte[] identity_sign(SignatureState state) {
        return state.identity.sign(state.message);
    }

    @Benchmark
    public boolean identity_verify(SignatureState state) {
        return IdentityKeyPair.verify(state.publicKey, state.message, state.signature);
    }

    /** Seal then open one message, with a fresh counter nonce each time as a session uses it. */
    @State(Scope.Thread)
    public static class AeadState {
        @Param({"AES-256-GCM", "CHACHA20-POLY1305"})
        public String aead;

        @Param({"SunJCE", "BouncyCastle"})
        public String provider;

        @Param({"64", "1024", "16384"})
        public int size;

        Aead cipher;
        AeadKey key;
        byte[] plaintext;
        byte[] associatedData;
        byte[] nonce;
        long counter;

        @Setup
        public void setUp() throws GeneralSecurityException {
            cipher = Implementations.aead(aead, provider);
            byte[] raw = new byte[cipher.keyLength()];
            Arrays.fill(raw, (byte) 0x42);
            key = cipher.importKey(raw);
            plaintext = new byte[size];
            Arrays.fill(plaintext, (byte) 'x');
            associatedData = "v1 DATA alice bob lobby 00000000".getBytes(StandardCharsets.US_ASCII);
            nonce = new byte[cipher.nonceLength()];
        }

        byte[] nextNonce() {
            long c = ++counter;
            for (int i = 0; i < 8; i++) {
                nonce[nonce.length - 1 - i] = (byte) (c >>> (8 * i));
            }
            return nonce;
        }
    }

    @Benchmark
    public byte[] aead_sealOpen(AeadState state) throws GeneralSecurityException {
        byte[] nonce = state.nextNonce();
        byte[] sealed = state.cipher.seal(state.key, nonce, state.plaintext, state.associatedData);
        return state.cipher.open(state.key, nonce, sealed, state.associatedData);
    }

    /** HKDF-Extract then HKDF-Expand to 32 bytes, as the key schedule does per key. */
    @State(Scope.Thread)
    public static class KdfState {
        Kdf kdf;
        byte[] salt = new byte[32];
        byte[] ikm = new byte[32];
        byte[] info = "blindrelay v1 key".getBytes(StandardCharsets.US_ASCII);

        @Setup
        public void setUp() {
            kdf = Implementations.registry().kdfs().get("HKDF-SHA256");
            Arrays.fill(salt, (byte) 1);
            Arrays.fill(ikm, (byte) 2);
        }
    }

    @Benchmark
    public byte[] hkdf_extractExpand32(KdfState state) throws GeneralSecurityException {
        return state.kdf.expand(state.kdf.extract(state.salt, state.ikm), state.info, 32);
    }
}
