package dev.blindrelay.x25519;

import dev.blindrelay.spi.AeadKey;
import dev.blindrelay.testing.Wycheproof;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

import javax.crypto.AEADBadTagException;
import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidKeyException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChaCha20Poly1305Test {

    private static final byte[] NONCE = HexFormat.of().parseHex("000102030405060708090a0b");
    private static final byte[] AAD = "header".getBytes();

    private final ChaCha20Poly1305 aead = new ChaCha20Poly1305();

    /** The RFC 8439 group (96-bit nonce): valid cases must seal and open exactly, forgeries must be refused. */
    @Test
    void sealOpen_wycheproofVectors() {
        List<Wycheproof.Case> cases = Wycheproof.cases("chacha20_poly1305_test.json",
                group -> group.get("ivSize").asInt() == 96);
        int[] counts = new int[2];
        SoftAssertions.assertSoftly(softly -> {
            for (Wycheproof.Case c : cases) {
                byte[] ctAndTag = concat(c.hex("ct"), c.hex("tag"));
                try {
                    AeadKey key = aead.importKey(c.hex("key"));
                    if (c.valid()) {
                        softly.assertThat(aead.seal(key, c.hex("iv"), c.hex("msg"), c.hex("aad"))).as(c.toString())
                                .isEqualTo(ctAndTag);
                        softly.assertThat(aead.open(key, c.hex("iv"), ctAndTag, c.hex("aad"))).as(c.toString())
                                .isEqualTo(c.hex("msg"));
                        counts[0]++;
                    } else {
                        softly.assertThatThrownBy(() -> aead.open(key, c.hex("iv"), ctAndTag, c.hex("aad")))
                                .as(c.toString()).isInstanceOf(AEADBadTagException.class);
                        counts[1]++;
                    }
                } catch (GeneralSecurityException e) {
                    softly.fail(c + " threw " + e);
                }
            }
        });
        assertThat(cases).hasSize(316);
        assertThat(counts).containsExactly(256, 60);
    }

    /** The groups with other nonce sizes (0 to 256 bits): both directions must refuse the nonce. */
    @Test
    void sealOpen_wycheproofInvalidNonceSizes() throws Exception {
        List<Wycheproof.Case> cases = Wycheproof.cases("chacha20_poly1305_test.json",
                group -> group.get("ivSize").asInt() != 96);
        for (Wycheproof.Case c : cases) {
            assertThat(c.hasFlag("InvalidNonceSize")).as(c.toString()).isTrue();
            AeadKey key = aead.importKey(c.hex("key"));
            byte[] ctAndTag = concat(c.hex("ct"), c.hex("tag"));
            assertThatThrownBy(() -> aead.seal(key, c.hex("iv"), c.hex("msg"), c.hex("aad"))).as(c.toString())
                    .isInstanceOf(InvalidAlgorithmParameterException.class);
            assertThatThrownBy(() -> aead.open(key, c.hex("iv"), ctAndTag, c.hex("aad"))).as(c.toString())
                    .isInstanceOf(InvalidAlgorithmParameterException.class);
        }
        assertThat(cases).hasSize(9);
    }

    @Test
    void sealOpen_roundTrip() throws Exception {
        AeadKey key = aead.importKey(key(1));
        for (int size : new int[] {0, 1, 64, 1024, 70_000}) {
            byte[] plaintext = new byte[size];
            Arrays.fill(plaintext, (byte) size);

            byte[] sealed = aead.seal(key, NONCE, plaintext, AAD);

            assertThat(sealed).hasSize(size + 16);
            assertThat(aead.open(key, NONCE, sealed, AAD)).isEqualTo(plaintext);
        }
    }

    @Test
    void seal_sameKeyAndNonceTwiceGivesTheSameOutput() throws Exception {
        // SunJCE refuses to re-initialise one Cipher, in either mode, with the key and nonce it last used; the
        // per-thread Cipher must not make the answer depend on the previous call.
        AeadKey key = aead.importKey(key(1));
        byte[] first = aead.seal(key, NONCE, new byte[10], AAD);

        assertThat(aead.seal(key, NONCE, new byte[10], AAD)).isEqualTo(first);
        assertThat(aead.open(key, NONCE, first, AAD)).isEqualTo(new byte[10]);
        assertThat(aead.open(key, NONCE, first, AAD)).isEqualTo(new byte[10]);
    }

    @Test
    void seal_keyImportedByAnotherInstanceWorks() throws Exception {
        AeadKey key = new ChaCha20Poly1305().importKey(key(1));
        byte[] sealed = aead.seal(key, NONCE, new byte[3], AAD);

        assertThat(new ChaCha20Poly1305().open(key, NONCE, sealed, AAD)).isEqualTo(new byte[3]);
    }

    @Test
    void sealOpen_concurrentThreadsDoNotInterfere() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new java.util.ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int seed = t;
                results.add(pool.submit(() -> {
                    AeadKey key = aead.importKey(key(seed));
                    for (int i = 0; i < 2_000; i++) {
                        byte[] message = new byte[] {(byte) seed, (byte) i};
                        if (!Arrays.equals(aead.open(key, NONCE, aead.seal(key, NONCE, message, AAD), AAD), message)) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> result : results) {
                assertThat(result.get(30, TimeUnit.SECONDS)).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void open_tamperedCiphertext() throws Exception {
        AeadKey key = aead.importKey(key(1));
        byte[] sealed = aead.seal(key, NONCE, new byte[20], AAD);
        sealed[3] ^= 1;

        assertThatThrownBy(() -> aead.open(key, NONCE, sealed, AAD)).isInstanceOf(AEADBadTagException.class);
    }

    @Test
    void open_tamperedTag() throws Exception {
        AeadKey key = aead.importKey(key(1));
        byte[] sealed = aead.seal(key, NONCE, new byte[20], AAD);
        sealed[sealed.length - 1] ^= (byte) 0x80;

        assertThatThrownBy(() -> aead.open(key, NONCE, sealed, AAD)).isInstanceOf(AEADBadTagException.class);
    }

    @Test
    void open_tamperedAad() throws Exception {
        AeadKey key = aead.importKey(key(1));
        byte[] sealed = aead.seal(key, NONCE, new byte[20], AAD);

        assertThatThrownBy(() -> aead.open(key, NONCE, sealed, "heades".getBytes()))
                .isInstanceOf(AEADBadTagException.class);
    }

    @Test
    void open_wrongNonce() throws Exception {
        AeadKey key = aead.importKey(key(1));
        byte[] sealed = aead.seal(key, NONCE, new byte[20], AAD);
        byte[] other = NONCE.clone();
        other[11] ^= 1;

        assertThatThrownBy(() -> aead.open(key, other, sealed, AAD)).isInstanceOf(AEADBadTagException.class);
    }

    @Test
    void open_wrongKey() throws Exception {
        byte[] sealed = aead.seal(aead.importKey(key(1)), NONCE, new byte[20], AAD);
        AeadKey other = aead.importKey(key(2));

        assertThatThrownBy(() -> aead.open(other, NONCE, sealed, AAD)).isInstanceOf(AEADBadTagException.class);
    }

    @Test
    void open_shorterThanTag() throws Exception {
        AeadKey key = aead.importKey(key(1));

        assertThatThrownBy(() -> aead.open(key, NONCE, new byte[15], AAD)).isInstanceOf(AEADBadTagException.class);
    }

    @Test
    void importKey_wrongKeyLength() {
        for (int length : new int[] {0, 16, 24, 31, 33}) {
            assertThatThrownBy(() -> aead.importKey(new byte[length])).isInstanceOf(InvalidKeyException.class)
                    .hasMessageContaining("32 bytes");
        }
    }

    @Test
    void importKey_copiesTheCallersBytes() throws Exception {
        byte[] raw = key(1);
        AeadKey key = aead.importKey(raw);
        byte[] sealed = aead.seal(key, NONCE, new byte[5], AAD);

        Arrays.fill(raw, (byte) 0);

        assertThat(aead.open(key, NONCE, sealed, AAD)).isEqualTo(new byte[5]);
    }

    @Test
    void seal_wrongNonceLength() throws Exception {
        AeadKey key = aead.importKey(key(1));
        for (int length : new int[] {0, 8, 11, 13, 16}) {
            assertThatThrownBy(() -> aead.seal(key, new byte[length], new byte[5], AAD))
                    .isInstanceOf(InvalidAlgorithmParameterException.class);
        }
    }

    @Test
    void open_wrongNonceLength() throws Exception {
        AeadKey key = aead.importKey(key(1));
        byte[] sealed = aead.seal(key, NONCE, new byte[5], AAD);

        assertThatThrownBy(() -> aead.open(key, new byte[16], sealed, AAD))
                .isInstanceOf(InvalidAlgorithmParameterException.class);
    }

    @Test
    void seal_keyFromAnotherAead() {
        AeadKey foreign = new AeadKey() { // what an AES-256-GCM plugin's key looks like to this one
            @Override
            public String aeadId() {
                return "AES-256-GCM";
            }

            @Override
            public void destroy() {
            }
        };

        assertThatThrownBy(() -> aead.seal(foreign, NONCE, new byte[5], AAD)).isInstanceOf(InvalidKeyException.class)
                .hasMessageContaining("AES-256-GCM");
        assertThatThrownBy(() -> aead.open(foreign, NONCE, new byte[20], AAD)).isInstanceOf(InvalidKeyException.class);
    }

    @Test
    void seal_destroyedKey() throws Exception {
        AeadKey key = aead.importKey(key(1));
        byte[] sealed = aead.seal(key, NONCE, new byte[5], AAD);

        key.destroy();

        assertThatThrownBy(() -> aead.seal(key, NONCE, new byte[5], AAD)).isInstanceOf(InvalidKeyException.class);
        assertThatThrownBy(() -> aead.open(key, NONCE, sealed, AAD)).isInstanceOf(InvalidKeyException.class);
    }

    @Test
    void lengthsAndProvider() {
        assertThat(aead.id()).isEqualTo("CHACHA20-POLY1305");
        assertThat(aead.keyLength()).isEqualTo(32);
        assertThat(aead.nonceLength()).isEqualTo(12);
        assertThat(aead.tagLength()).isEqualTo(16);
        assertThat(aead.provider()).isEqualTo("SunJCE");
    }

    private static byte[] key(int seed) {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) seed);
        key[0] = 0x55;
        return key;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
