package dev.blindrelay.testing;

import dev.blindrelay.spi.RelayHandler;
import dev.blindrelay.spi.RelayLink;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InterceptingHandlerTest {

    /** Records which link objects the decorated handler was given; echoes each frame back on its link. */
    private static final class Delegate implements RelayHandler {
        final List<RelayLink> seen = new ArrayList<>();
        final List<String> calls = new ArrayList<>();

        @Override
        public void connected(RelayLink link) {
            seen.add(link);
            calls.add("connected");
        }

        @Override
        public void frameReceived(RelayLink link, byte[] frame) {
            seen.add(link);
            calls.add("frame");
            link.send(frame);
        }

        @Override
        public void malformed(RelayLink link, String reason) {
            seen.add(link);
            calls.add("malformed " + reason);
            link.close();
        }

        @Override
        public void writabilityChanged(RelayLink link) {
            seen.add(link);
            calls.add("writability " + link.isWritable());
            link.setReading(link.isWritable());
        }

        @Override
        public void disconnected(RelayLink link) {
            seen.add(link);
            calls.add("disconnected");
        }
    }

    private final Delegate delegate = new Delegate();
    private final InterceptingHandler handler = new InterceptingHandler(delegate);

    @Test
    void wrap_oneStableWrapperPerLinkUntilDisconnected() {
        RecordingLink link = new RecordingLink("one");
        handler.connected(link);
        handler.frameReceived(link, TestFrames.ping("alice", "lobby"));
        handler.writabilityChanged(link);
        handler.disconnected(link);

        assertThat(delegate.seen).hasSize(4).allSatisfy(l -> assertThat(l).isSameAs(delegate.seen.get(0)));
        assertThat(delegate.seen.get(0)).isNotSameAs(link);
        assertThat(delegate.seen.get(0).describe()).isEqualTo("one");
        assertThat(handler.linkDescriptions()).isEmpty();
    }

    @Test
    void wrap_differentLinksDifferentWrappers() {
        RecordingLink first = new RecordingLink("first");
        RecordingLink second = new RecordingLink("second");
        handler.connected(first);
        handler.connected(second);
        assertThat(delegate.seen.get(0)).isNotSameAs(delegate.seen.get(1));
        assertThat(handler.linkDescriptions()).containsExactly("first", "second");
    }

    @Test
    void send_passesUnchangedByDefault() {
        RecordingLink link = new RecordingLink("one");
        handler.connected(link);
        byte[] frame = TestFrames.ping("alice", "lobby");
        handler.frameReceived(link, frame);
        assertThat(link.frames()).singleElement().isSameAs(frame);
    }

    @Test
    void send_interceptorCanDropDuplicateAndTamper() {
        RecordingLink link = new RecordingLink("one");
        handler.connected(link);
        byte[] frame = TestFrames.ping("alice", "lobby");

        handler.intercept((to, f) -> List.of());
        handler.frameReceived(link, frame);
        assertThat(link.frames()).isEmpty();

        handler.intercept((to, f) -> List.of(f, f));
        handler.frameReceived(link, frame);
        assertThat(link.frames()).hasSize(2);

        List<String> targets = new ArrayList<>();
        handler.intercept((to, f) -> {
            targets.add(to);
            return List.of(TestFrames.flip(f, 0));
        });
        handler.frameReceived(link, frame);
        assertThat(link.frames().get(2)[0]).isEqualTo((byte) (frame[0] ^ 1));
        assertThat(targets).containsExactly("one");

        handler.passThrough();
        handler.frameReceived(link, frame);
        assertThat(link.frames().get(3)).isSameAs(frame);
    }

    @Test
    void controlCalls_reachTheRealLink() {
        RecordingLink link = new RecordingLink("one");
        handler.connected(link);
        link.writable(false);
        handler.writabilityChanged(link);
        assertThat(link.isReading()).isFalse();
        handler.malformed(link, "too big");
        assertThat(link.isClosed()).isTrue();
        assertThat(delegate.calls).contains("writability false", "malformed too big");
    }

    @Test
    void inject_bypassesTheInterceptor() {
        RecordingLink link = new RecordingLink("one");
        handler.connected(link);
        handler.intercept((to, f) -> List.of());
        byte[] frame = TestFrames.ping("alice", "lobby");
        handler.inject("one", frame);
        assertThat(link.frames()).containsExactly(frame);
        assertThatThrownBy(() -> handler.inject("nobody", frame)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("one");
    }

    @Test
    void injectToMember_findsTheLinkThatJoinedFirst() {
        RecordingLink alice = new RecordingLink("alice-link");
        RecordingLink impostor = new RecordingLink("impostor-link");
        handler.connected(alice);
        handler.connected(impostor);
        handler.frameReceived(alice, TestFrames.join("alice", "lobby"));
        handler.frameReceived(impostor, TestFrames.join("alice", "lobby"));
        alice.clear();
        impostor.clear();

        assertThat(handler.linkOf("lobby", "alice")).isEqualTo("alice-link");
        byte[] frame = TestFrames.ping("alice", "lobby");
        handler.injectToMember("lobby", "alice", frame);
        assertThat(alice.frames()).containsExactly(frame);
        assertThat(impostor.frames()).isEmpty();

        handler.disconnected(alice);
        assertThatThrownBy(() -> handler.linkOf("lobby", "alice")).isInstanceOf(IllegalArgumentException.class);
    }
}
