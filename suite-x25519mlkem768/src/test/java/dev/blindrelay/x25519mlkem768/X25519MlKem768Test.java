package dev.blindrelay.x25519mlkem768;

import dev.blindrelay.spi.KeyAgreement;
import dev.blindrelay.spi.KeyAgreementResponse;
import dev.blindrelay.spi.KeyShare;
import dev.blindrelay.spi.support.JcaProviders;
import dev.blindrelay.testing.contract.KeyAgreementContract;
import dev.blindrelay.x25519.X25519KeyAgreement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.security.InvalidKeyException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class X25519MlKem768Test extends KeyAgreementContract {

    /** Order 8 on Curve25519: any private key maps it to the all-zero secret. */
    private static final byte[] LOW_ORDER_POINT =
            HexFormat.of().parseHex("e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800");

    private final X25519MlKem768 hybrid = new X25519MlKem768();
    private final X25519KeyAgreement x25519 = new X25519KeyAgreement();

    @Override
    protected KeyAgreement newPlugin() {
        return new X25519MlKem768();
    }

    /** A broken half is enough: an all-zero or low-order X25519 share, or an unreduced ML-KEM key. */
    @Override
    protected List<byte[]> invalidPublicKeys() throws Exception {
        byte[] good = hybrid.generate().publicBytes();
        return List.of(withX25519(good, new byte[32]), withX25519(good, LOW_ORDER_POINT),
                withMlKem(good, MlKem768Test.unreduced(Arrays.copyOf(good, 1184), 3329)));
    }

    private static byte[] withX25519(byte[] message, byte[] x25519Public) {
        byte[] changed = message.clone();
        System.arraycopy(x25519Public, 0, changed, message.length - 32, 32);
        return changed;
    }

    private static byte[] withMlKem(byte[] message, byte[] mlKemPart) {
        byte[] changed = message.clone();
        System.arraycopy(mlKemPart, 0, changed, 0, mlKemPart.length);
        return changed;
    }

    /**
     * The layout, recomputed from the halves: ML-KEM first in both messages and in the secret, as TLS's
     * X25519MLKEM768. The initiator's trace secret is the ML-KEM seed (64) then the X25519 private key (32).
     */
    @Test
    void layout_mlKemFirstThenX25519() throws Exception {
        KeyShare initiator = hybrid.generate();
        KeyAgreementResponse response = hybrid.respond(initiator.publicBytes());
        byte[] secret = hybrid.finish(initiator, response.message());

        byte[] traceSecret = initiator.secretBytesForTrace();
        byte[] seed = Arrays.copyOf(traceSecret, 64);
        byte[] x25519Private = Arrays.copyOfRange(traceSecret, 64, 96);
        byte[] ek = MlKem768.decapsulationKey(seed).getPublicKey();
        byte[] ciphertext = Arrays.copyOf(response.message(), 1088);
        byte[] responderX25519 = Arrays.copyOfRange(response.message(), 1088, 1120);

        assertThat(initiator.publicBytes()).hasSize(1216).startsWith(ek);
        assertThat(Arrays.copyOfRange(initiator.publicBytes(), 1184, 1216))
                .isEqualTo(x25519.agree(x25519Private, X25519Base.POINT));
        assertThat(secret).hasSize(64).isEqualTo(response.sharedSecret());
        assertThat(Arrays.copyOf(secret, 32))
                .isEqualTo(MlKem768.decapsulate(MlKem768.decapsulationKey(seed), ciphertext));
        assertThat(Arrays.copyOfRange(secret, 32, 64)).isEqualTo(x25519.agree(x25519Private, responderX25519));
        assertThat(response.ownShare().secretBytesForTrace()).hasSize(32);
    }

    /** Implicit rejection inside the hybrid: the ML-KEM half changes, the X25519 half does not, no error. */
    @ParameterizedTest
    @MethodSource("implementations")
    void finish_tamperedCiphertextChangesTheMlKemHalfOnly(KeyAgreement implementation) throws Exception {
        KeyShare initiator = implementation.generate();
        KeyAgreementResponse response = implementation.respond(initiator.publicBytes());
        byte[] tampered = response.message();
        tampered[7] ^= (byte) 0x80;

        byte[] secret = implementation.finish(initiator, tampered);

        assertThat(Arrays.copyOf(secret, 32)).isNotEqualTo(Arrays.copyOf(response.sharedSecret(), 32));
        assertThat(Arrays.copyOfRange(secret, 32, 64)).isEqualTo(Arrays.copyOfRange(response.sharedSecret(), 32, 64));
    }

    @ParameterizedTest
    @MethodSource("implementations")
    void respond_brokenHalvesSayWhich(KeyAgreement implementation) throws Exception {
        byte[] good = implementation.generate().publicBytes();

        assertThatThrownBy(() -> implementation.respond(withX25519(good, new byte[32])))
                .isInstanceOf(InvalidKeyException.class).hasMessageContaining("X25519 low-order public key");
        assertThatThrownBy(() -> implementation.respond(withMlKem(good,
                MlKem768Test.unreduced(Arrays.copyOf(good, 1184), 4000))))
                .isInstanceOf(InvalidKeyException.class).hasMessageContaining("modulus check");
        assertThatThrownBy(() -> implementation.respond(Arrays.copyOf(good, 1184)))
                .isInstanceOf(InvalidKeyException.class).hasMessageContaining("must be 1216 bytes, got 1184");
    }

    @ParameterizedTest
    @MethodSource("implementations")
    void finish_allZeroX25519ShareRefused(KeyAgreement implementation) throws Exception {
        KeyShare initiator = implementation.generate();
        byte[] message = implementation.respond(initiator.publicBytes()).message();

        assertThatThrownBy(() -> implementation.finish(initiator, withX25519(message, new byte[32])))
                .isInstanceOf(InvalidKeyException.class).hasMessageContaining("X25519 low-order public key");
    }

    @Test
    void describe_sizesProviderAndSecurityNote() {
        assertThat(new int[] {hybrid.publicKeyLength(), hybrid.responseLength(), hybrid.sharedSecretLength()})
                .containsExactly(1216, 1120, 64);
        assertThat(hybrid.provider()).isEqualTo(JcaProviders.BOUNCY_CASTLE_NAME);
        assertThat(hybrid.description()).contains("draft-ietf-tls-ecdhe-mlkem", "post-quantum", "either half");
    }

    @Test
    void providerVariants_theJdksMlKemWithTheSameX25519() {
        List<KeyAgreement> variants = hybrid.providerVariants();
        if (Runtime.version().feature() < 24) {
            assertThat(variants).isEmpty();
        } else {
            assertThat(variants).extracting(KeyAgreement::provider)
                    .containsExactly("SunJCE ML-KEM + BouncyCastle 1.87 X25519");
        }
    }

    /** The X25519 base point u = 9, so agree(private, base) is the public key. */
    private static final class X25519Base {
        static final byte[] POINT = new byte[32];

        static {
            POINT[0] = 9;
        }
    }
}
