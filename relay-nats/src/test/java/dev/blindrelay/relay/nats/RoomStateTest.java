package dev.blindrelay.relay.nats;

import dev.blindrelay.wire.MalformedFrameException;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RoomStateTest {

    private static final RoomState.Entry ALICE = new RoomState.Entry("alice", "relayaaaaa", 1);
    private static final RoomState.Entry BOB = new RoomState.Entry("Bób.*>", "relaybbbbb", 1L << 40);

    @Test
    void encodeDecode_keepsMembersInJoinOrder() throws Exception {
        RoomState state = RoomState.EMPTY.with(ALICE).with(BOB);
        assertThat(RoomState.decode(state.encode()).entries()).containsExactly(ALICE, BOB);
        assertThat(RoomState.decode(new byte[0])).isEqualTo(RoomState.EMPTY);
    }

    @Test
    void keep_returnsTheSameStateWhenNothingGoes() {
        RoomState state = RoomState.EMPTY.with(ALICE).with(BOB);
        assertThat(state.keep(e -> true)).isSameAs(state);
        assertThat(state.keep(e -> e != ALICE).entries()).containsExactly(BOB);
    }

    @Test
    void decode_refusesTruncatedOrTrailingBytes() {
        byte[] encoded = RoomState.EMPTY.with(ALICE).encode();
        assertThatThrownBy(() -> RoomState.decode(Arrays.copyOf(encoded, encoded.length - 1)))
                .isInstanceOf(MalformedFrameException.class);
        assertThatThrownBy(() -> RoomState.decode(Arrays.copyOf(encoded, encoded.length + 1)))
                .isInstanceOf(MalformedFrameException.class);
    }

    @Test
    void subjects_carryAnyRoomNameAsOneSafeToken() {
        assertThat(Subjects.room("a.b*>c")).matches("blindrelay\\.room\\.[A-Za-z0-9_-]+");
        assertThat(Subjects.key("Lobby")).isNotEqualTo(Subjects.key("lobby")).matches("[A-Za-z0-9_-]+");
    }
}
