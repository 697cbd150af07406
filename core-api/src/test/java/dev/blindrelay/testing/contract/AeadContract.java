package dev.blindrelay.testing.contract;

import dev.blindrelay.spi.Aead;
import dev.blindrelay.spi.AeadKey;
import dev.blindrelay.spi.support.JcaAead;
import dev.blindrelay.testing.Wycheproof;
import dev.blindrelay.testing.suite.RenamedAead;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import javax.crypto.AEADBadTagException;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.GCMParameterSpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidKeyException;
import java.security.spec.AlgorithmParameterSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every {@link Aead} plugin must do, run on the plugin and on each of its provider variants. A
 * plugin's test class extends this, supplies {@link #newPlugin()}, and adds its vectors and specifics; its
 * own parameterized tests can use {@code @MethodSource("implementations")} too.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class AeadContract {

    protected static final byte[] AAD = "header".getBytes(StandardCharsets.US_ASCII);

    /** A new instance of the plugin under test, as ServiceLoader would make it. */
    protected abstract Aead newPlugin();

    /** The plugin and each of its provider variants, named by provider. */
    protected final Stream<Named<Aead>> implementations() {
        Aead plugin = newPlugin();
        return Stream.concat(Stream.of(plugin), plugin.providerVariants().stream())
                .map(aead -> Named.of(aead.provider(), aead));
    }

    /**
     * Runs Wycheproof AEAD cases: valid ones must seal to exactly ct||tag and open back, the others must fail
     * to open with {@link AEADBadTagException}. Returns {valid, invalid} counts so callers pin the numbers.
     */
    protected static int[] checkWycheproof(Aead aead, List<Wycheproof.Case> cases) {
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
        return counts;
    }

    @ParameterizedTest
    @MethodSource("implementations")
    void sealOpen_roundTrip(Aead aead) throws Exception {
        AeadKey key = aead.importKey(key(aead, 1));
        for (int size : new int[] {0, 1, 64, 1024, 70_000}) {
            byte[] plaintext = new byte[size];
            Arrays.fill(plaintext, (byte) size);

            byte[] sealed = aead.seal(key, nonce(aead), plaintext, AAD);

            assertThat(sealed).hasSize(size + aead.tagLength());
            assertThat(aead.open(key, nonce(aead), sealed, AAD)).isEqualTo(plaintext);
        }
    }

    /**
     * sealInto writes exactly what seal returns, at the offset, and touches no other byte: for the plugin's own
     * implementation and for the SPI's default (over seal), so that either may build a frame.
     */
    @ParameterizedTest
    @MethodSource("implementations")
    void sealInto_sameBytesAsSealAtTheOffset(Aead aead) throws Exception {
        AeadKey key = aead.importKey(key(aead, 3));
        for (Aead sealer : List.of(aead, overSealOnly(aead))) {
            for (int size : new int[] {0, 1, 1024}) {
                byte[] plaintext = new byte[size];
                Arrays.fill(plaintext, (byte) (size + 1));
                byte[] expected = aead.seal(key, nonce(aead), plaintext, AAD);
                for (int offset : new int[] {0, 7}) {
                    byte[] out = new byte[offset + expected.length + 5];
                    Arrays.fill(out, (byte) 0x5A);

                    int written = sealer.sealInto(key, nonce(aead), plaintext, AAD, out, offset);

                    assertThat(written).isEqualTo(size + aead.tagLength());
                    assertThat(Arrays.copyOfRange(out, offset, offset + written)).as("size %d at %d", size, offset)
                            .isEqualTo(expected);
                    byte[] untouched = new byte[out.length - written];
                    System.arraycopy(out, 0, untouched, 0, offset);
                    System.arraycopy(out, offset + written, untouched, offset, out.length - offset - written);
                    assertThat(untouched).containsOnly((byte) 0x5A);
                    assertThat(aead.open(key, nonce(aead), expected, AAD)).isEqualTo(plaintext);
                }
            }
        }
    }

    /** No room (one byte short, an offset past the end or negative): refused before anything is written. */
    @ParameterizedTest
    @MethodSource("implementations")
    void sealInto_bufferTooSmallOrOffsetOutside(Aead aead) throws Exception {
        AeadKey key = aead.importKey(key(aead, 3));
        int needed = 10 + aead.tagLength();
        for (Aead sealer : List.of(aead, overSealOnly(aead))) {
            for (int[] bufferAndOffset : new int[][] {{needed - 1, 0}, {needed + 3, 4}, {needed, needed + 1},
                    {needed, -1}, {0, 0}}) {
                byte[] out = new byte[bufferAndOffset[0]];
                Arrays.fill(out, (byte) 0x5A);

                assertThatThrownBy(() -> sealer.sealInto(key, nonce(aead), new byte[10], AAD, out, bufferAndOffset[1]))
                        .as("buffer %d, offset %d", bufferAndOffset[0], bufferAndOffset[1])
                        .isInstanceOf(ShortBufferException.class).hasMessageContaining(needed + " bytes");
                byte[] before = new byte[out.length];
                Arrays.fill(before, (byte) 0x5A);
                assertThat(out).as("buffer %d, offset %d", bufferAndOffset[0], bufferAndOffset[1]).isEqualTo(before);
            }
        }
    }

    /** A bad key or nonce fails sealInto as it fails seal. */
    @ParameterizedTest
    @MethodSource("implementations")
    void sealInto_wrongKeyOrNonce(Aead aead) throws Exception {
        AeadKey key = aead.importKey(key(aead, 3));
        byte[] out = new byte[64];
        AeadKey destroyed = aead.importKey(key(aead, 4));
        destroyed.destroy();

        assertThatThrownBy(() -> aead.sealInto(destroyed, nonce(aead), new byte[5], AAD, out, 0))
                .isInstanceOf(InvalidKeyException.class);
        assertThatThrownBy(() -> aead.sealInto(key, new byte[aead.nonceLength() - 1], new byte[5], AAD, out, 0))
                .isInstanceOf(InvalidAlgorithmParameterException.class);
    }

    /** sealAfter: the prefix, then the sealed bytes with the prefix as associated data. */
    @ParameterizedTest
    @MethodSource("implementations")
    void sealAfter_prefixThenSealedWithThePrefixAsAad(Aead aead) throws Exception {
        AeadKey key = aead.importKey(key(aead, 3));
        byte[] plaintext = "one frame".getBytes(StandardCharsets.US_ASCII);

        byte[] frame = aead.sealAfter(key, nonce(aead), AAD, plaintext);

        assertThat(frame).isEqualTo(concat(AAD, aead.seal(key, nonce(aead), plaintext, AAD)));
        assertThat(aead.open(key, nonce(aead), Arrays.copyOfRange(frame, AAD.length, frame.length), AAD))
                .isEqualTo(plaintext);
    }

    /** openAfter reads the frame sealAfter made, in place; a changed prefix or body fails as a forgery. */
    @ParameterizedTest
    @MethodSource("implementations")
    void openAfter_opensWhatSealAfterMadeAndRejectsTampering(Aead aead) throws Exception {
        AeadKey key = aead.importKey(key(aead, 3));
        byte[] plaintext = new byte[1024];
        Arrays.fill(plaintext, (byte) 9);
        for (Aead opener : List.of(aead, overSealOnly(aead))) {
            byte[] frame = aead.sealAfter(key, nonce(aead), AAD, plaintext);

            assertThat(opener.openAfter(key, nonce(aead), frame, AAD.length)).isEqualTo(plaintext);
            assertThat(opener.openAfter(key, nonce(aead), concat(AAD, aead.seal(key, nonce(aead), new byte[0], AAD)),
                    AAD.length)).isEmpty();
            for (int at : new int[] {0, AAD.length, frame.length - 1}) {
                byte[] tampered = frame.clone();
                tampered[at] ^= 1;
                assertThatThrownBy(() -> opener.openAfter(key, nonce(aead), tampered, AAD.length)).as("byte " + at)
                        .isInstanceOf(AEADBadTagException.class);
            }
            assertThatThrownBy(() -> opener.openAfter(key, nonce(aead), frame, AAD.length + 1))
                    .as("the prefix one byte longer").isInstanceOf(AEADBadTagException.class);
            assertThatThrownBy(() -> opener.openAfter(key, nonce(aead), frame, frame.length - aead.tagLength() + 1))
                    .as("shorter than a tag").isInstanceOf(AEADBadTagException.class);
            assertThatThrownBy(() -> opener.openAfter(key, nonce(aead), frame, frame.length + 1))
                    .isInstanceOf(IndexOutOfBoundsException.class);
            assertThatThrownBy(() -> opener.openAfter(key, nonce(aead), frame, -1))
                    .isInstanceOf(IndexOutOfBoundsException.class);
        }
    }

    /** {@code aead} seen through the SPI alone: seal and open, so sealInto and openAfter are the defaults. */
    private static Aead overSealOnly(Aead aead) {
        return new RenamedAead(aead.id(), aead);
    }

    /** Providers refuse to re-initialise one Cipher under the same key and nonce; the cache must hide that. */
    @ParameterizedTest
    @MethodSource("implementations")
    void seal_sameKeyAndNonceTwiceGivesTheSameOutput(Aead aead) throws Exception {
        AeadKey key = aead.importKey(key(aead, 1));
        byte[] first = aead.seal(key, nonce(aead), new byte[10], AAD);

        assertThat(aead.seal(key, nonce(aead), new byte[10], AAD)).isEqualTo(first);
        assertThat(aead.open(key, nonce(aead), first, AAD)).isEqualTo(new byte[10]);
        assertThat(aead.open(key, nonce(aead), first, AAD)).isEqualTo(new byte[10]);
    }

    @ParameterizedTest
    @MethodSource("implementations")
    void seal_keyImportedByAnotherInstance(Aead aead) throws Exception {
        AeadKey key = newPlugin().importKey(key(aead, 1));
        byte[] sealed = aead.seal(key, nonce(aead), new byte[3], AAD);

        assertThat(newPlugin().open(key, nonce(aead), sealed, AAD)).isEqualTo(new byte[3]);
    }

    @ParameterizedTest
    @MethodSource("implementations")
    void sealOpen_concurrentThreadsDoNotInterfere(Aead aead) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int seed = t;
                results.add(pool.submit(() -> {
                    AeadKey key = aead.importKey(key(aead, seed));
                    for (int i = 0; i < 2_000; i++) {
                        byte[] message = {(byte) seed, (byte) i};
                        byte[] sealed = aead.seal(key, nonce(aead), message, AAD);
                        if (!Arrays.equals(aead.open(key, nonce(aead), sealed, AAD), message)) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> result : results) {
                assertThat(result.get(60, TimeUnit.SECONDS)).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** One flipped bit anywhere in the ciphertext (first, last byte) or the tag (first, last byte). */
    @ParameterizedTest
    @MethodSource("implementations")
    void open_tamperedCiphertextOrTag(Aead aead) throws Exception {
        AeadKey key = aead.importKey(key(aead, 1));
        byte[] sealed = aead.seal(key, nonce(aead), new byte[20], AAD);
        for (int at : new int[] {0, 19, 20, sealed.length - 1}) {
            byte[] tampered = sealed.clone();
            tampered[at] ^= (byte) (at == 0 ? 0x01 : 0x80);

            assertThatThrownBy(() -> aead.open(key, nonce(aead), tampered, AAD)).as("byte " + at)
                    .isInstanceOf(AEADBadTagException.class);
        }
        assertThat(aead.open(key, nonce(aead), sealed, AAD)).isEqualTo(new byte[20]);
    }

    @ParameterizedTest
    @MethodSource("implementations")
    void open_tamperedAad(Aead aead) throws Exception {
        AeadKey key = aead.importKey(key(aead, 1));
        byte[] sealed = aead.seal(key, nonce(aead), new byte[20], AAD);
        byte[] otherAad = AAD.clone();
        otherAad[otherAad.length - 1] ^= 0x17;

        assertThatThrownBy(() -> aead.open(key, nonce(aead), sealed, otherAad))
                .isInstanceOf(AEADBadTagException.class);
        assertThatThrownBy(() -> aead.open(key, nonce(aead), sealed, new byte[0]))
                .isInstanceOf(AEADBadTagException.class);
    }

    @ParameterizedTest
    @MethodSource("implementations")
    void open_wrongNonce(Aead aead) throws Exception {
        AeadKey key = aead.importKey(key(aead, 1));
        byte[] sealed = aead.seal(key, nonce(aead), new byte[20], AAD);
        byte[] other = nonce(aead);
        other[other.length - 1] ^= 1;

        assertThatThrownBy(() -> aead.open(key, other, sealed, AAD)).isInstanceOf(AEADBadTagException.class);
    }

    @ParameterizedTest
    @MethodSource("implementations")
    void open_wrongKey(Aead aead) throws Exception {
        byte[] sealed = aead.seal(aead.importKey(key(aead, 1)), nonce(aead), new byte[20], AAD);
        AeadKey other = aead.importKey(key(aead, 2));

        assertThatThrownBy(() -> aead.open(other, nonce(aead), sealed, AAD)).isInstanceOf(AEADBadTagException.class);
    }

    /** A forgery, not a programming error: callers must see the same exception as for a bad tag. */
    @ParameterizedTest
    @MethodSource("implementations")
    void open_shorterThanTag(Aead aead) throws Exception {
        AeadKey key = aead.importKey(key(aead, 1));
        for (int length : new int[] {0, 1, aead.tagLength() - 1}) {
            assertThatThrownBy(() -> aead.open(key, nonce(aead), new byte[length], AAD))
                    .isInstanceOf(AEADBadTagException.class);
        }
    }

    @ParameterizedTest
    @MethodSource("implementations")
    void importKey_wrongKeyLength(Aead aead) {
        int n = aead.keyLength();
        for (int length : new int[] {0, n / 2, n - 1, n + 1}) {
            assertThatThrownBy(() -> aead.importKey(new byte[length])).isInstanceOf(InvalidKeyException.class)
                    .hasMessageContaining(n + " bytes");
        }
    }

    @ParameterizedTest
    @MethodSource("implementations")
    void importKey_copiesTheCallersBytes(Aead aead) throws Exception {
        byte[] raw = key(aead, 1);
        AeadKey key = aead.importKey(raw);
        byte[] sealed = aead.seal(key, nonce(aead), new byte[5], AAD);

        Arrays.fill(raw, (byte) 0);

        assertThat(aead.open(key, nonce(aead), sealed, AAD)).isEqualTo(new byte[5]);
        assertThat(key.aeadId()).isEqualTo(aead.id());
    }

    @ParameterizedTest
    @MethodSource("implementations")
    void sealOpen_wrongNonceLength(Aead aead) throws Exception {
        AeadKey key = aead.importKey(key(aead, 1));
        byte[] sealed = aead.seal(key, nonce(aead), new byte[5], AAD);
        int n = aead.nonceLength();
        for (int length : new int[] {0, 8, n - 1, n + 1, 16}) {
            assertThatThrownBy(() -> aead.seal(key, new byte[length], new byte[5], AAD)).as("length " + length)
                    .isInstanceOf(InvalidAlgorithmParameterException.class);
            assertThatThrownBy(() -> aead.open(key, new byte[length], sealed, AAD)).as("length " + length)
                    .isInstanceOf(InvalidAlgorithmParameterException.class);
        }
    }

    /**
     * Another plugin's key is refused, whether it is another class or, since every JcaAead's keys share one
     * class, a JcaAead key under another id.
     */
    @ParameterizedTest
    @MethodSource("implementations")
    void seal_keyFromAnotherAead(Aead aead) throws Exception {
        AeadKey otherClass = new AeadKey() {
            @Override
            public String aeadId() {
                return "OTHER-AEAD";
            }

            @Override
            public void destroy() {
            }
        };
        AeadKey otherJcaAead = new OtherAesGcm().importKey(new byte[16]);

        for (AeadKey foreign : List.of(otherClass, otherJcaAead)) {
            assertThatThrownBy(() -> aead.seal(foreign, nonce(aead), new byte[5], AAD)).as(foreign.aeadId())
                    .isInstanceOf(InvalidKeyException.class).hasMessageContaining(foreign.aeadId());
            assertThatThrownBy(() -> aead.open(foreign, nonce(aead), new byte[20], AAD)).as(foreign.aeadId())
                    .isInstanceOf(InvalidKeyException.class);
        }
        assertThatThrownBy(() -> aead.seal(null, nonce(aead), new byte[5], AAD))
                .isInstanceOf(InvalidKeyException.class);
    }

    @ParameterizedTest
    @MethodSource("implementations")
    void seal_destroyedKey(Aead aead) throws Exception {
        AeadKey key = aead.importKey(key(aead, 1));
        byte[] sealed = aead.seal(key, nonce(aead), new byte[5], AAD);

        key.destroy();

        assertThatThrownBy(() -> aead.seal(key, nonce(aead), new byte[5], AAD))
                .isInstanceOf(InvalidKeyException.class).hasMessageContaining("destroyed");
        assertThatThrownBy(() -> aead.open(key, nonce(aead), sealed, AAD)).isInstanceOf(InvalidKeyException.class);
    }

    @ParameterizedTest
    @MethodSource("implementations")
    void describe_idLengthsProviderAndDescription(Aead aead) {
        assertThat(aead.id()).matches("[A-Z0-9]+(-[A-Z0-9]+)*");
        assertThat(aead.keyLength()).isGreaterThanOrEqualTo(16);
        assertThat(aead.nonceLength()).isGreaterThanOrEqualTo(12);
        assertThat(aead.tagLength()).isEqualTo(16);
        assertThat(aead.provider()).isNotBlank().isNotEqualTo("unavailable").isNotEqualTo("built-in");
        assertThat(aead.description()).isNotBlank().isNotEqualTo(aead.id()).doesNotContain("\n");
    }

    /** Same id and bytes on the wire, whichever provider each side uses. */
    @Test
    void providerVariants_interoperateWithThePlugin() throws Exception {
        Aead plugin = newPlugin();
        byte[] plaintext = "same bytes, any provider".getBytes(StandardCharsets.US_ASCII);
        for (Aead variant : plugin.providerVariants()) {
            assertThat(variant.id()).isEqualTo(plugin.id());
            assertThat(variant.provider()).isNotEqualTo(plugin.provider());
            assertThat(new int[] {variant.keyLength(), variant.nonceLength(), variant.tagLength()})
                    .containsExactly(plugin.keyLength(), plugin.nonceLength(), plugin.tagLength());
            assertThat(variant.description()).isEqualTo(plugin.description());
            assertThat(variant.providerVariants()).isEmpty();

            AeadKey pluginKey = plugin.importKey(key(plugin, 7));
            AeadKey variantKey = variant.importKey(key(plugin, 7));
            byte[] byVariant = variant.seal(variantKey, nonce(plugin), plaintext, AAD);
            byte[] byPlugin = plugin.seal(pluginKey, nonce(plugin), plaintext, AAD);

            assertThat(byVariant).isEqualTo(byPlugin);
            assertThat(plugin.open(pluginKey, nonce(plugin), byVariant, AAD)).isEqualTo(plaintext);
            assertThat(variant.open(variantKey, nonce(plugin), byPlugin, AAD)).isEqualTo(plaintext);
            assertThat(plugin.open(variantKey, nonce(plugin), byVariant, AAD)).isEqualTo(plaintext);
        }
    }

    protected static byte[] key(Aead aead, int seed) {
        byte[] key = new byte[aead.keyLength()];
        Arrays.fill(key, (byte) seed);
        key[0] = 0x55;
        return key;
    }

    /** A fixed nonce: these tests check one message at a time, never nonce discipline. */
    protected static byte[] nonce(Aead aead) {
        byte[] nonce = new byte[aead.nonceLength()];
        for (int i = 0; i < nonce.length; i++) {
            nonce[i] = (byte) i;
        }
        return nonce;
    }

    protected static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** A real JcaAead under another id, for the cross-plugin key check. */
    private static final class OtherAesGcm extends JcaAead {
        static final String ID = "OTHER-AES-128-GCM";

        OtherAesGcm() {
            super(ID, "AES/GCM/NoPadding", "AES", 16, 12, 16, null);
        }

        @Override
        protected AlgorithmParameterSpec parameters(byte[] nonce) {
            return new GCMParameterSpec(128, nonce);
        }
    }
}
