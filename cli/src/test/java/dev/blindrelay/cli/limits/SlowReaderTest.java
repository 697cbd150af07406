package dev.blindrelay.cli.limits;

import dev.blindrelay.relay.RelayLimits;
import dev.blindrelay.spi.TransportOptions;
import dev.blindrelay.testing.TestFrames;
import dev.blindrelay.wire.FrameType;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client that stops reading while another floods it must not make the relay buffer without bound,
 * nor stall the sender forever: the relay pauses the sender (backpressure), and when the reader makes
 * no progress for the stall timeout it is cut off and the sender goes on.
 */
class SlowReaderTest {

    private static final int FRAME_BODY = 1024;
    /** What the sender offers in all: far more than the relay may hold for one client. */
    private static final long OFFERED = 64L << 20;

    @Test
    void clientThatStopsReading_isDisconnectedAndTheSenderIsNot() throws Exception {
        // The default hard limit (16 MiB) is never reached: the paused sender keeps the queue at the
        // high-water mark. What cuts the stuck client off is that it reads nothing for the stall timeout.
        RelayLimits limits = RelayLimits.defaults().withStallTimeout(Duration.ofMillis(500));
        try (LiveRelay relay = LiveRelay.start(limits, TransportOptions.defaults());
             RawClient sender = relay.join("sender", "lobby");
             RawClient stuck = new RawClient(relay.address(), 4096).join("stuck", "lobby")) {
            AtomicBoolean flooding = new AtomicBoolean(true);
            Thread flood = new Thread(() -> {
                byte[] frame = TestFrames.data("sender", "stuck", "lobby", new byte[FRAME_BODY]);
                try {
                    for (long sent = 0; sent < OFFERED && flooding.get(); sent += frame.length) {
                        sender.send(frame);
                    }
                } catch (IOException e) {
                    // the test closes the socket at the end
                }
            }, "flood");
            flood.setDaemon(true);
            flood.start();
            // The sender keeps reading: frames to a member who is gone come back as (non-fatal) errors.
            BlockingQueue<FrameType> senderGot = new LinkedBlockingQueue<>();
            Thread reader = new Thread(() -> {
                try {
                    while (true) {
                        senderGot.add(sender.readEnvelope().type());
                    }
                } catch (IOException e) {
                    // closed at the end
                }
            }, "sender-reader");
            reader.setDaemon(true);
            reader.start();

            assertThat(relay.awaitRefused("too slow")).startsWith("tcp/");
            flooding.set(false);
            stuck.awaitClosed();
            // The relay holds at most the high-water mark and the socket buffers for the stuck client,
            // never what was offered.
            assertThat(relay.forwardedTo("stuck")).isLessThan(16L << 20);

            // The sender was paused, not punished: once the stuck client is gone it is read again.
            flood.join(Eventually.TIMEOUT.toMillis());
            assertThat(flood.isAlive()).as("the sender's writes were unblocked").isFalse();
            sender.send(TestFrames.ping("sender", "lobby"));
            Eventually.holds("a PONG for the sender", () -> senderGot.contains(FrameType.PONG));
            assertThat(relay.refused).hasSize(1);
        }
    }

    @Test
    void clientThatNeverReadsItsReplies_isPausedThenDisconnected() throws Exception {
        RelayLimits limits = RelayLimits.defaults().withStallTimeout(Duration.ofMillis(500));
        try (LiveRelay relay = LiveRelay.start(limits, TransportOptions.defaults());
             WorkingPair bystanders = WorkingPair.join(relay);
             RawClient deaf = new RawClient(relay.address(), 4096).join("deaf", "lobby")) {
            // A PONG per PING: unread, the replies would pile up in the relay for as long as it pings.
            Thread pinging = new Thread(() -> {
                // Many length-prefixed PINGs per write: one system call per PING would be too slow to
                // fill the relay's queue for the deaf client within the test's patience on a busy machine.
                byte[] ping = TestFrames.ping("deaf", "lobby");
                java.nio.ByteBuffer batch = java.nio.ByteBuffer.allocate(4096 * (4 + ping.length));
                while (batch.hasRemaining()) {
                    batch.putInt(ping.length).put(ping);
                }
                try {
                    for (long sent = 0; sent < OFFERED; sent += batch.capacity()) {
                        deaf.sendBytes(batch.array());
                    }
                } catch (IOException e) {
                    // cut off
                }
            }, "pinging");
            pinging.setDaemon(true);
            pinging.start();

            assertThat(relay.awaitRefused("too slow")).contains("read nothing");
            pinging.join(Eventually.TIMEOUT.toMillis());
            assertThat(pinging.isAlive()).as("the relay stopped reading, then closed the connection").isFalse();
            bystanders.assertStillChatting();
        }
    }
}
