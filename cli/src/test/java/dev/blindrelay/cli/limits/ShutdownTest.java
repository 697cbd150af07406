package dev.blindrelay.cli.limits;

import dev.blindrelay.relay.RelayLimits;
import dev.blindrelay.testing.TestFrames;
import dev.blindrelay.wire.Envelope;
import dev.blindrelay.wire.FrameType;
import dev.blindrelay.wire.RelayMessages;
import org.junit.jupiter.api.Test;

import java.io.EOFException;
import java.io.IOException;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ShutdownTest {

    @Test
    void close_tellsEveryChatClientTheRelayIsShuttingDown() throws IOException {
        LiveRelay relay = LiveRelay.start(RelayLimits.defaults());
        try (Chatter alice = Chatter.join("alice", "lobby", relay.address());
             Chatter bob = Chatter.join("bob", "elsewhere", relay.address())) {

            relay.close();

            assertThat(alice.events.awaitNotice("relay is shutting down")).isEqualTo("relay is shutting down");
            assertThat(bob.events.awaitNotice("relay is shutting down")).isEqualTo("relay is shutting down");
            alice.events.awaitDisconnected();
            bob.events.awaitDisconnected();
        }
    }

    @Test
    void close_deliversFramesAlreadyQueuedForASlowReaderBeforeTheNotice() throws Exception {
        int frames = 300; // 300 KiB: below the 1 MiB high-water mark, so the relay takes all of them
        LiveRelay relay = LiveRelay.start(RelayLimits.defaults());
        try (RawClient sender = relay.join("sender", "lobby");
             RawClient reader = relay.join("reader", "lobby")) {
            for (int i = 0; i < frames; i++) {
                byte[] body = new byte[1024];
                body[0] = (byte) i;
                sender.send(TestFrames.data("sender", "reader", "lobby", body));
            }
            long all = (long) frames * TestFrames.data("sender", "reader", "lobby", new byte[1024]).length;
            Eventually.holds("the relay accepting every frame", () -> relay.forwardedTo("reader") == all);

            // The reader has not read a byte yet: the frames are in the relay's queue and socket buffers.
            Thread closing = new Thread(relay::close, "relay-close");
            closing.start();

            List<Envelope> got = readAll(reader);
            closing.join(Eventually.TIMEOUT.toMillis());
            List<Envelope> data = got.stream().filter(e -> e.type() == FrameType.DATA).toList();
            assertThat(data).hasSize(frames);
            for (int i = 0; i < frames; i++) {
                assertThat(data.get(i).body()[0]).as("frame %d in order", i).isEqualTo((byte) i);
            }
            Envelope last = got.get(got.size() - 1);
            assertThat(last.type()).isEqualTo(FrameType.NOTICE);
            assertThat(RelayMessages.parseText(last.body())).isEqualTo("relay is shutting down");
        }
    }

    private static List<Envelope> readAll(RawClient client) throws IOException {
        List<Envelope> frames = new ArrayList<>();
        try {
            while (true) {
                frames.add(client.readEnvelope());
            }
        } catch (EOFException | SocketException closed) {
            return frames;
        }
    }
}
