package dev.blindrelay.handshake;

import dev.blindrelay.handshake.HandshakeInit.KeyShareEntry;
import dev.blindrelay.session.SessionKind;
import dev.blindrelay.wire.MalformedFrameException;
import dev.blindrelay.wire.WireReader;
import dev.blindrelay.wire.WireWriter;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HandshakeInitTest {

    /** Two suites on X448, one on X25519: two key shares, X448's first. */
    static final List<String> OFFER = List.of("X448_HKDF-SHA256_AES-128-GCM", "X25519_HKDF-SHA256_CHACHA20-POLY1305",
            "X448_HKDF-SHA256_CHACHA20-POLY1305");
    private static final HandshakeInit INIT = new HandshakeInit(2, OFFER, filled(32, 1),
            List.of(new KeyShareEntry("X448", filled(56, 2)), new KeyShareEntry("X25519", filled(32, 3))));

    static byte[] filled(int length, int value) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }

    @Test
    void parse_roundTrip() throws Exception {
        HandshakeInit parsed = HandshakeInit.parse(INIT.encode());
        assertThat(parsed.version()).isEqualTo(2);
        assertThat(parsed.offer()).isEqualTo(OFFER);
        assertThat(parsed.identityKey()).isEqualTo(INIT.identityKey());
        assertThat(parsed.keyShare("X448")).hasValue(filled(56, 2));
        assertThat(parsed.keyShare("X25519")).hasValue(filled(32, 3));
        assertThat(parsed.keyShare("P256")).isEmpty();
        assertThat(parsed.encode()).isEqualTo(INIT.encode());
    }

    @Test
    void encode_layout() {
        byte[] encoded = new HandshakeInit(2, List.of("A_B_C", "D_B_C"), new byte[] {7},
                List.of(new KeyShareEntry("A", new byte[] {8, 9}), new KeyShareEntry("D", new byte[] {10}))).encode();
        assertThat(HexFormat.of().formatHex(encoded)).isEqualTo("02" + "05415f425f43" + "000107" + "001a"
                + "02" + "05415f425f43" + "05445f425f43" + "02" + "0141" + "00020809" + "0144" + "00010a"
                + "01" /* session type: ratchet */);
    }

    @Test
    void parse_sessionType_staticRoundTrips_andAnUnknownOneIsMalformed() throws Exception {
        HandshakeInit staticInit = new HandshakeInit(2, INIT.offer(), INIT.identityKey(), INIT.keyShares(),
                SessionKind.STATIC);
        assertThat(HandshakeInit.parse(staticInit.encode()).session()).isEqualTo(SessionKind.STATIC);
        assertThat(HandshakeInit.parse(INIT.encode()).session()).isEqualTo(SessionKind.RATCHET);
        byte[] unknown = staticInit.encode();
        unknown[unknown.length - 1] = 7;
        assertThatThrownBy(() -> HandshakeInit.parse(unknown)).isInstanceOf(MalformedFrameException.class)
                .hasMessageContaining("session type 7");
    }

    /** Version 1's reader (version, suite, identity key, ephemeral key, end) parses it, so it can refuse by version. */
    @Test
    void encode_versionOneReadersParseItAndSeeVersionTwo() throws Exception {
        WireReader v1 = new WireReader(INIT.encode());
        assertThat(v1.u8("version")).isEqualTo(2);
        assertThat(v1.str8("suite")).isEqualTo(OFFER.get(0));
        assertThat(v1.bytes16("identity")).isEqualTo(INIT.identityKey());
        v1.bytes16("ephemeral");
        v1.expectEnd("v1 init");
    }

    @Test
    void parse_firstSuiteMustBeTheOffersFirst() {
        byte[] inner = SuiteOffer.write(new WireWriter(), List.of("A_B_C")).u8(1).str8("A").bytes16(new byte[] {1})
                .toByteArray();
        byte[] body = new WireWriter().u8(2).str8("D_B_C").bytes16(new byte[32]).bytes16(inner).toByteArray();
        assertThatThrownBy(() -> HandshakeInit.parse(body)).hasMessageContaining("names suite D_B_C first but offers A_B_C");
    }

    @Test
    void parse_everyTruncation() {
        byte[] body = INIT.encode();
        for (int length = 0; length < body.length; length++) {
            byte[] prefix = Arrays.copyOf(body, length);
            assertThatThrownBy(() -> HandshakeInit.parse(prefix)).as("first %d bytes", length)
                    .isInstanceOf(MalformedFrameException.class).hasMessageContaining("truncated");
        }
    }

    @Test
    void parse_trailingBytes() {
        byte[] body = Arrays.copyOf(INIT.encode(), INIT.encode().length + 1);
        assertThatThrownBy(() -> HandshakeInit.parse(body))
                .isInstanceOf(MalformedFrameException.class)
                .hasMessage("handshake init has 1 unexpected trailing bytes");
    }

    @Test
    void parse_anotherVersionIsNotParsed() {
        byte[] v1 = HexFormat.of().parseHex("01" + "05415f425f43" + "000107" + "00020809");
        assertThatThrownBy(() -> HandshakeInit.parse(v1)).isInstanceOf(MalformedFrameException.class)
                .hasMessageContaining("handshake version 1");
    }

    @Test
    void parse_offerRules() {
        assertThatThrownBy(() -> HandshakeInit.parse(init(List.of(), List.of())))
                .hasMessageContaining("offer lists 0 suites; 1 to 16 are allowed");
        assertThatThrownBy(() -> HandshakeInit.parse(init(List.of("A_B_C", "A_B_C"), List.of("A"))))
                .hasMessageContaining("lists suite A_B_C twice");
        assertThatThrownBy(() -> HandshakeInit.parse(init(List.of("rot13"), List.of("rot13"))))
                .isInstanceOf(MalformedFrameException.class).hasMessageContaining("rot13");
        List<String> seventeen = java.util.stream.IntStream.range(0, 17).mapToObj(i -> "A" + i + "_B_C").toList();
        assertThatThrownBy(() -> HandshakeInit.parse(init(seventeen, List.of())))
                .hasMessageContaining("offer lists 17 suites");
    }

    @Test
    void parse_exactlyOneKeySharePerKeyAgreementInOfferOrder() {
        List<String> offer = List.of("A_B_C", "D_B_C", "A_E_F");
        assertThatThrownBy(() -> HandshakeInit.parse(init(offer, List.of("A"))))
                .hasMessageContaining("needs 2 key share(s), one per key agreement [A, D], but INIT has 1");
        assertThatThrownBy(() -> HandshakeInit.parse(init(offer, List.of("D", "A"))))
                .hasMessageContaining("key share for D where the offer calls for A");
        assertThatThrownBy(() -> HandshakeInit.parse(init(offer, List.of("A", "D", "A"))))
                .hasMessageContaining("needs 2 key share(s)");
    }

    @Test
    void parse_emptyKeyShare() {
        byte[] inner = SuiteOffer.write(new WireWriter(), List.of("A_B_C")).u8(1).str8("A").bytes16(new byte[0])
                .toByteArray();
        byte[] body = new WireWriter().u8(2).str8("A_B_C").bytes16(new byte[32]).bytes16(inner).toByteArray();
        assertThatThrownBy(() -> HandshakeInit.parse(body)).hasMessageContaining("empty key share for A");
    }

    @Test
    void parse_invalidUtf8SuiteId() {
        assertThatThrownBy(() -> HandshakeInit.parse(HexFormat.of().parseHex("02" + "01ff" + "0000" + "0000")))
                .isInstanceOf(MalformedFrameException.class).hasMessageContaining("suite id is not valid UTF-8");
    }

    /** An INIT with this offer and one 1-byte key share per id in {@code shares}, in that order. */
    private static byte[] init(List<String> offer, List<String> shares) {
        WireWriter inner = new WireWriter().u8(offer.size());
        offer.forEach(inner::str8);
        inner.u8(shares.size());
        shares.forEach(id -> inner.str8(id).bytes16(new byte[] {1}));
        return new WireWriter().u8(2).str8(offer.isEmpty() ? "" : offer.get(0)).bytes16(new byte[32])
                .bytes16(inner.toByteArray()).toByteArray();
    }
}
