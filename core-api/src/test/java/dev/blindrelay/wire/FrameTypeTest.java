package dev.blindrelay.wire;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class FrameTypeTest {

    @Test
    void fromCode_roundTripsEveryType() {
        Set<Integer> codes = new HashSet<>();
        for (FrameType type : FrameType.values()) {
            if (type == FrameType.UNDEFINED_PEER_TO_PEER) {
                continue;
            }
            assertThat(FrameType.fromCode(type.code())).isSameAs(type);
            assertThat(codes.add(type.code())).as("code of %s is unique", type).isTrue();
        }
    }

    @Test
    void fromCode_undefinedCodesAreNull() {
        for (int code : new int[] {-1, 0, 0x09, 0x0f, 0x14, 0x1f, 0x21, 0xff, 256, Integer.MAX_VALUE}) {
            assertThat(FrameType.fromCode(code)).as("code %d", code).isNull();
        }
    }

    @Test
    void isPeerToPeer_onlyFrom0x10() {
        assertThat(FrameType.values()).filteredOn(FrameType::isPeerToPeer).containsExactly(
                FrameType.HANDSHAKE_INIT, FrameType.HANDSHAKE_RESPONSE, FrameType.HANDSHAKE_FINISH,
                FrameType.HANDSHAKE_REJECT, FrameType.DATA, FrameType.UNDEFINED_PEER_TO_PEER);
    }

    @Test
    void code_protocolV1ValuesNeverChange() {
        assertThat(FrameType.JOIN.code()).isEqualTo(0x01);
        assertThat(FrameType.ERROR.code()).isEqualTo(0x05);
        assertThat(FrameType.PONG.code()).isEqualTo(0x08);
        assertThat(FrameType.HANDSHAKE_INIT.code()).isEqualTo(0x10);
        assertThat(FrameType.HANDSHAKE_REJECT.code()).isEqualTo(0x13);
        assertThat(FrameType.DATA.code()).isEqualTo(0x20);
    }
}
