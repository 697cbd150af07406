package dev.blindrelay.cli.limits;

import dev.blindrelay.relay.RelayLimits;
import dev.blindrelay.relay.nats.ClusterSettings;
import dev.blindrelay.relay.nats.NatsCluster;
import dev.blindrelay.relay.nats.NatsServers;
import dev.blindrelay.spi.TransportOptions;
import dev.blindrelay.testing.TestFrames;
import dev.blindrelay.wire.FrameType;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A member on relay B stops reading while a sender on relay A floods it. B asks A to pause that sender
 * (its own relay cannot), cuts the stuck member off after the stall timeout, and the sender goes on; other
 * members of relay A chat with relay B all along.
 */
class ClusterSlowReaderTest {

    private static final int FRAME_BODY = 1024;
    private static final long OFFERED = 64L << 20;

    @Test
    void stuckMemberOnRelayB_pausesOnlyItsSenderOnRelayA_thenIsCutOff() throws Exception {
        RelayLimits limits = RelayLimits.defaults().withStallTimeout(Duration.ofSeconds(2));
        int maxFrame = TransportOptions.defaults().maxFrameLength();
        try (NatsServers nats = NatsServers.single();
             LiveRelay a = LiveRelay.startInCluster(limits,
                     NatsCluster.connect(ClusterSettings.of(nats.urlList(), maxFrame)).directory());
             LiveRelay b = LiveRelay.startInCluster(limits,
                     NatsCluster.connect(ClusterSettings.of(nats.urlList(), maxFrame)).directory());
             RawClient stuck = new RawClient(b.address(), 4096).join("stuck", "lobby");
             RawClient bob = b.join("bob", "lobby");
             RawClient sender = a.join("sender", "lobby");
             RawClient alice = a.join("alice", "lobby")) {
            BlockingQueue<FrameType> senderGot = readAll(sender);
            BlockingQueue<byte[]> bobGot = new LinkedBlockingQueue<>();
            Thread bobReader = daemon("bob-reader", () -> {
                while (true) {
                    bobGot.add(bob.readEnvelope().body());
                }
            });
            readAll(alice);
            AtomicBoolean flooding = new AtomicBoolean(true);
            Thread flood = daemon("flood", () -> {
                byte[] frame = TestFrames.data("sender", "stuck", "lobby", new byte[FRAME_BODY]);
                for (long sent = 0; sent < OFFERED && flooding.get(); sent += frame.length) {
                    sender.send(frame);
                }
            });

            // While the sender is held back for the stuck member, alice on the same relay reaches bob on B.
            for (int i = 0; i < 20; i++) {
                alice.send(TestFrames.data("alice", "bob", "lobby", new byte[]{(byte) i}));
                byte[] got = bobGot.poll(10, TimeUnit.SECONDS);
                assertThat(got).as("alice's frame %d reached bob on the other relay", i).isNotNull();
            }
            // Cut off for reading nothing, not for its queue passing the hard limit: the sender was paused.
            assertThat(b.awaitRefused("too slow")).contains("read nothing for");
            flooding.set(false);
            stuck.awaitClosed();
            assertThat(b.forwardedTo("stuck")).as("what relay B took for the stuck member").isLessThan(OFFERED / 2);
            flood.join(Eventually.TIMEOUT.toMillis());
            assertThat(flood.isAlive()).as("the sender was let go once the stuck member was gone").isFalse();
            sender.send(TestFrames.ping("sender", "lobby"));
            Eventually.holds("a PONG for the sender", () -> senderGot.contains(FrameType.PONG));
            assertThat(a.refused).isEmpty();
            assertThat(bobReader.isAlive()).isTrue();
        }
    }

    private interface Body {
        void run() throws IOException, InterruptedException;
    }

    private static Thread daemon(String name, Body body) {
        Thread thread = new Thread(() -> {
            try {
                body.run();
            } catch (IOException | InterruptedException e) {
                // closed at the end of the test
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static BlockingQueue<FrameType> readAll(RawClient client) {
        BlockingQueue<FrameType> got = new LinkedBlockingQueue<>();
        daemon("reader", () -> {
            while (true) {
                got.add(client.readEnvelope().type());
            }
        });
        return got;
    }
}
