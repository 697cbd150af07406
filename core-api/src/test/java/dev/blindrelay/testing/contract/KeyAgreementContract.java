package dev.blindrelay.testing.contract;

import dev.blindrelay.spi.KeyAgreement;
import dev.blindrelay.spi.KeyAgreementResponse;
import dev.blindrelay.spi.KeyShare;
import dev.blindrelay.spi.support.DhKeyAgreement;
import org.bouncycastle.math.ec.rfc7748.X448;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.security.InvalidKeyException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * What every {@link KeyAgreement} plugin must do, run on the plugin and on each of its provider variants.
 * A plugin's test class extends this, supplies {@link #newPlugin()} and its own invalid keys, and adds its
 * vectors and specifics; its own parameterized tests can use {@code @MethodSource("implementations")} too.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class KeyAgreementContract {

    /** A new instance of the plugin under test, as ServiceLoader would make it. */
    protected abstract KeyAgreement newPlugin();

    /**
     * Public values of the right length that must be refused with {@link InvalidKeyException} on both
     * sides (not on the curve, low order, wrong prefix, ...).
     */
    protected abstract List<byte[]> invalidPublicKeys() throws Exception;

    /** The plugin and each of its provider variants, named by provider. */
    protected final Stream<Named<KeyAgreement>> implementations() {
        KeyAgreement plugin = newPlugin();
        return Stream.concat(Stream.of(plugin), plugin.providerVariants().stream())
                .map(ka -> Named.of(ka.provider(), ka));
    }

    @ParameterizedTest
    @MethodSource("implementations")
    void finish_matchesRespond(KeyAgreement ka) throws Exception {
        KeyShare initiator = ka.generate();
        KeyAgreementResponse response = ka.respond(initiator.publicBytes());

        byte[] secret = ka.finish(initiator, response.message());

        assertThat(initiator.publicBytes()).hasSize(ka.publicKeyLength());
        assertThat(response.message()).hasSize(ka.responseLength());
        assertThat(secret).hasSize(ka.sharedSecretLength()).isEqualTo(response.sharedSecret())
                .isNotEqualTo(new byte[ka.sharedSecretLength()]);
        if (response.ownShare() != null) {
            assertThat(response.ownShare().publicBytes()).isEqualTo(response.message());
        }
    }

    /** A responder that made its share first (Diffie-Hellman) reaches the initiator's secret through finish. */
    @ParameterizedTest
    @MethodSource("implementations")
    void responseShare_finishedWithTheInitiatorsKey_matchesTheInitiatorsSecret(KeyAgreement ka) throws Exception {
        KeyShare responder = ka.responseShare();
        if (responder == null) {
            assertThat(!ka.components().isEmpty() || ka.responseLength() != ka.publicKeyLength())
                    .as("only a KEM or a hybrid answers without a share of its own").isTrue();
            return;
        }
        KeyShare initiator = ka.generate();

        byte[] responderSecret = ka.finish(responder, initiator.publicBytes());
        byte[] initiatorSecret = ka.finish(initiator, responder.publicBytes());

        assertThat(responder.publicBytes()).hasSize(ka.responseLength()).isNotEqualTo(initiator.publicBytes());
        assertThat(responderSecret).hasSize(ka.sharedSecretLength()).isEqualTo(initiatorSecret)
                .isNotEqualTo(new byte[ka.sharedSecretLength()]);
        for (byte[] key : invalidPublicKeys()) {
            assertThatThrownBy(() -> ka.finish(ka.responseShare(), key)).as(HexFormat.of().formatHex(key))
                    .isInstanceOf(InvalidKeyException.class);
        }
    }

    @ParameterizedTest
    @MethodSource("implementations")
    void generate_freshKeyEachTime(KeyAgreement ka) throws Exception {
        KeyShare first = ka.generate();
        KeyShare second = ka.generate();

        assertThat(first.publicBytes()).isNotEqualTo(second.publicBytes());
        assertThat(first.secretBytesForTrace()).isNotEqualTo(second.secretBytesForTrace());
    }

    @ParameterizedTest
    @MethodSource("implementations")
    void publicBytes_returnsACopy(KeyAgreement ka) throws Exception {
        KeyShare share = ka.generate();
        byte[] copy = share.publicBytes();
        Arrays.fill(copy, (byte) 0);

        assertThat(share.publicBytes()).isNotEqualTo(copy);
    }

    /** For Diffie-Hellman, the trace's private key and the peer's public key give the shared secret. */
    @ParameterizedTest
    @MethodSource("implementations")
    void secretBytesForTrace_recomputesTheSecret(KeyAgreement ka) throws Exception {
        assumeTrue(ka instanceof DhKeyAgreement, "only Diffie-Hellman has a DH function to recompute with");
        KeyShare initiator = ka.generate();
        KeyAgreementResponse response = ka.respond(initiator.publicBytes());

        byte[] privateKey = initiator.secretBytesForTrace();

        assertThat(((DhKeyAgreement) ka).agree(privateKey, response.message())).isEqualTo(response.sharedSecret());
    }

    @ParameterizedTest
    @MethodSource("implementations")
    void destroy_wipesPrivateKeyAndBlocksFinish(KeyAgreement ka) throws Exception {
        KeyShare initiator = ka.generate();
        KeyAgreementResponse response = ka.respond(initiator.publicBytes());

        initiator.destroy();

        assertThat(initiator.secretBytesForTrace()).containsOnly(0);
        assertThatThrownBy(() -> ka.finish(initiator, response.message()))
                .isInstanceOf(InvalidKeyException.class).hasMessageContaining("destroyed");
    }

    @ParameterizedTest
    @MethodSource("implementations")
    void destroy_responseWipesSecretAndShare(KeyAgreement ka) throws Exception {
        KeyAgreementResponse response = ka.respond(ka.generate().publicBytes());

        response.destroy();

        assertThat(response.sharedSecret()).containsOnly(0);
        if (response.ownShare() != null) {
            assertThat(response.ownShare().secretBytesForTrace()).containsOnly(0);
        }
    }

    @ParameterizedTest
    @MethodSource("implementations")
    void respond_wrongLength(KeyAgreement ka) throws Exception {
        byte[] good = ka.generate().publicBytes();
        for (int length : new int[] {0, 1, good.length - 1, good.length + 1, 2 * good.length}) {
            assertThatThrownBy(() -> ka.respond(Arrays.copyOf(good, length))).as("length " + length)
                    .isInstanceOf(InvalidKeyException.class);
        }
    }

    @ParameterizedTest
    @MethodSource("implementations")
    void finish_wrongLength(KeyAgreement ka) throws Exception {
        KeyShare initiator = ka.generate();
        byte[] good = ka.respond(initiator.publicBytes()).message();
        for (int length : new int[] {0, 1, good.length - 1, good.length + 1}) {
            assertThatThrownBy(() -> ka.finish(initiator, Arrays.copyOf(good, length))).as("length " + length)
                    .isInstanceOf(InvalidKeyException.class);
        }
    }

    @ParameterizedTest
    @MethodSource("implementations")
    void respond_invalidPublicKeys(KeyAgreement ka) throws Exception {
        List<byte[]> invalid = invalidPublicKeys();
        assertThat(invalid).isNotEmpty().allSatisfy(key -> assertThat(key).hasSize(ka.publicKeyLength()));
        for (byte[] key : invalid) {
            assertThatThrownBy(() -> ka.respond(key)).as(HexFormat.of().formatHex(key))
                    .isInstanceOf(InvalidKeyException.class);
        }
    }

    @ParameterizedTest
    @MethodSource("implementations")
    void finish_invalidResponderKeys(KeyAgreement ka) throws Exception {
        KeyShare initiator = ka.generate();
        for (byte[] key : invalidPublicKeys()) {
            assertThatThrownBy(() -> ka.finish(initiator, key)).as(HexFormat.of().formatHex(key))
                    .isInstanceOf(InvalidKeyException.class);
        }
    }

    @ParameterizedTest
    @MethodSource("implementations")
    void finish_keyShareFromAnotherKeyAgreement(KeyAgreement ka) throws Exception {
        KeyShare foreign = new OtherX448().generate();
        byte[] message = ka.respond(ka.generate().publicBytes()).message();

        assertThatThrownBy(() -> ka.finish(foreign, message)).isInstanceOf(InvalidKeyException.class)
                .hasMessageContaining("another key agreement");
        assertThatThrownBy(() -> ka.finish(null, message)).isInstanceOf(InvalidKeyException.class);
    }

    @ParameterizedTest
    @MethodSource("implementations")
    void describe_idLengthsProviderAndDescription(KeyAgreement ka) {
        assertThat(ka.id()).matches("[A-Z0-9]+(-[A-Z0-9]+)*");
        assertThat(ka.publicKeyLength()).isPositive();
        assertThat(ka.responseLength()).isPositive();
        assertThat(ka.sharedSecretLength()).isGreaterThanOrEqualTo(32);
        assertThat(ka.provider()).isNotBlank().isNotEqualTo("built-in");
        assertThat(ka.description()).isNotBlank().isNotEqualTo(ka.id()).doesNotContain("\n");
    }

    /** A hybrid's messages and secret are its components', concatenated in order: their lengths add up. */
    @ParameterizedTest
    @MethodSource("implementations")
    void components_lengthsAddUp(KeyAgreement ka) throws Exception {
        List<KeyAgreement> parts = ka.components();
        if (parts.isEmpty()) {
            return;
        }
        assertThat(parts).hasSizeGreaterThan(1);
        assertThat(parts.stream().mapToInt(KeyAgreement::publicKeyLength).sum()).isEqualTo(ka.publicKeyLength());
        assertThat(parts.stream().mapToInt(KeyAgreement::responseLength).sum()).isEqualTo(ka.responseLength());
        assertThat(parts.stream().mapToInt(KeyAgreement::sharedSecretLength).sum()).isEqualTo(ka.sharedSecretLength());
        KeyShare initiator = ka.generate();
        KeyAgreementResponse response = ka.respond(initiator.publicBytes());
        assertThat(ka.finish(initiator, response.message())).hasSize(ka.sharedSecretLength());
    }

    /** Same id and bytes on the wire: each side may use the plugin or a variant and still agree. */
    @Test
    void providerVariants_interoperateWithThePlugin() throws Exception {
        KeyAgreement plugin = newPlugin();
        for (KeyAgreement variant : plugin.providerVariants()) {
            assertThat(variant.id()).isEqualTo(plugin.id());
            assertThat(variant.provider()).isNotEqualTo(plugin.provider());
            assertThat(new int[] {variant.publicKeyLength(), variant.responseLength(), variant.sharedSecretLength()})
                    .containsExactly(plugin.publicKeyLength(), plugin.responseLength(), plugin.sharedSecretLength());
            assertThat(variant.description()).isEqualTo(plugin.description());
            assertThat(variant.providerVariants()).isEmpty();

            KeyShare pluginInitiator = plugin.generate();
            KeyAgreementResponse variantResponse = variant.respond(pluginInitiator.publicBytes());
            assertThat(plugin.finish(pluginInitiator, variantResponse.message()))
                    .isEqualTo(variantResponse.sharedSecret());

            KeyShare variantInitiator = variant.generate();
            KeyAgreementResponse pluginResponse = plugin.respond(variantInitiator.publicBytes());
            assertThat(variant.finish(variantInitiator, pluginResponse.message()))
                    .isEqualTo(pluginResponse.sharedSecret());
        }
    }

    /** A real Diffie-Hellman under another id, for the cross-plugin key share check. */
    private static final class OtherX448 extends DhKeyAgreement {
        private final SecureRandom random = new SecureRandom();

        OtherX448() {
            super("OTHER-X448", X448.POINT_SIZE, X448.POINT_SIZE);
        }

        @Override
        protected KeyPairBytes generateKeyPair() {
            byte[] privateKey = new byte[X448.SCALAR_SIZE];
            X448.generatePrivateKey(random, privateKey);
            byte[] publicKey = new byte[X448.POINT_SIZE];
            X448.generatePublicKey(privateKey, 0, publicKey, 0);
            return new KeyPairBytes(privateKey, publicKey);
        }

        @Override
        public byte[] agree(byte[] privateKey, byte[] peerPublic) throws InvalidKeyException {
            byte[] secret = new byte[X448.POINT_SIZE];
            if (peerPublic.length != X448.POINT_SIZE
                    || !X448.calculateAgreement(privateKey, 0, peerPublic, 0, secret, 0)) {
                throw new InvalidKeyException("OTHER-X448 refused the public key");
            }
            return secret;
        }
    }
}
