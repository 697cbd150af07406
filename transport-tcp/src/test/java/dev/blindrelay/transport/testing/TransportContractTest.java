package dev.blindrelay.transport.testing;

import dev.blindrelay.spi.ClientConnection;
import dev.blindrelay.spi.Connector;
import dev.blindrelay.spi.RelayLink;
import dev.blindrelay.spi.RelayServer;
import dev.blindrelay.spi.Transport;
import dev.blindrelay.spi.TransportOptions;
import dev.blindrelay.transport.testing.ForwardingRelayHandler.Mode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every transport must do, over real sockets on 127.0.0.1. A transport's test class extends
 * this and names the transport; it adds the tests that only make sense for its own wire format.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
public abstract class TransportContractTest {

    protected static final int MAX = TransportOptions.DEFAULT_MAX_FRAME_LENGTH;

    private final Deque<AutoCloseable> resources = new ArrayDeque<>();

    /** The transport under test. */
    protected abstract Transport transport();

    protected static InetSocketAddress anyLocalPort() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    }

    protected static TransportOptions options() {
        return TransportOptions.defaults();
    }

    protected static TransportOptions options(int lowWaterMark, int highWaterMark) {
        TransportOptions d = TransportOptions.defaults();
        return new TransportOptions(d.maxFrameLength(), d.ioThreads(), lowWaterMark, highWaterMark,
                d.connectTimeout());
    }

    protected <T extends AutoCloseable> T closeLater(T resource) {
        resources.push(resource);
        return resource;
    }

    protected RelayServer listen(ForwardingRelayHandler handler, TransportOptions options) throws IOException {
        return closeLater(transport().listen(anyLocalPort(), handler, options));
    }

    protected Connector connector(TransportOptions options) {
        return closeLater(transport().connector(options));
    }

    /** A relay with one client connected, and the link the relay sees for it. */
    protected record Relayed(ForwardingRelayHandler handler, RelayServer server, RecordingListener listener,
                             ClientConnection client, RelayLink link) {
    }

    protected Relayed relayWithOneClient(ForwardingRelayHandler handler) throws Exception {
        RelayServer server = listen(handler, options());
        RecordingListener listener = new RecordingListener();
        ClientConnection client = connector(options()).connect(server.address(), listener);
        RelayLink link = handler.connected.poll(10, TimeUnit.SECONDS);
        return new Relayed(handler, server, listener, client, link);
    }

    @AfterEach
    void closeResources() throws Exception {
        while (!resources.isEmpty()) {
            resources.pop().close();
        }
    }

    protected static byte[] randomBytes(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    private static byte[] numbered(int sequence, int length) {
        byte[] frame = new byte[Math.max(4, length)];
        ByteBuffer.wrap(frame).putInt(sequence);
        return frame;
    }

    private static int sequenceOf(byte[] frame) {
        return ByteBuffer.wrap(frame).getInt();
    }

    @Test
    void roundTrip_manyFramesArriveInOrder() throws Exception {
        Relayed relayed = relayWithOneClient(new ForwardingRelayHandler(Mode.ECHO));
        ClientConnection client = relayed.client();
        RecordingListener listener = relayed.listener();

        Random random = new Random(1);
        int count = 20_000;
        for (int i = 0; i < count; i++) {
            client.send(numbered(i, 4 + random.nextInt(2_000)));
        }
        for (int i = 0; i < count; i++) {
            assertThat(sequenceOf(listener.next())).isEqualTo(i);
        }
        assertThat(listener.frames).isEmpty();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (listener.framesBeforeReadComplete.get() < count && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(listener.framesBeforeReadComplete.get()).as("readComplete() after the last batch").isEqualTo(count);
        assertThat(client.isOpen()).isTrue();
    }

    /**
     * Frames sent from the thread that delivers frames (a handshake reply) and from another thread (the user's
     * messages) reach the wire in the order of the send() calls, whichever thread made them. Each round, the
     * delivering thread has the other thread send a frame first, then answers: the answer must not overtake it.
     */
    @Test
    void send_fromTheDeliveringThreadAndAnother_keepsTheOrderOfTheCalls() throws Exception {
        RelayServer server = listen(new ForwardingRelayHandler(Mode.ECHO), options());
        int rounds = 200;
        Object order = new Object();
        int[] nextStamp = {0};
        int[] othersEchoed = {0};
        ClientConnection[] client = new ClientConnection[1];
        List<Integer> echoed = Collections.synchronizedList(new ArrayList<>());
        BlockingQueue<Boolean> sendOne = new LinkedBlockingQueue<>();
        BlockingQueue<Boolean> sentOne = new LinkedBlockingQueue<>();
        CountDownLatch all = new CountDownLatch(2 * (rounds + 1));
        client[0] = connector(options()).connect(server.address(), new RecordingListener() {
            @Override
            public void frameReceived(byte[] frame) {
                echoed.add(sequenceOf(frame));
                all.countDown();
                if (frame.length == 8) { // from the other thread: have it send its next frame, then answer
                    try {
                        if (++othersEchoed[0] <= rounds) {
                            sendOne.put(true);
                            sentOne.take();
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    synchronized (order) {
                        client[0].send(numbered(nextStamp[0]++, 4));
                    }
                }
            }
        });
        for (int i = 0; i <= rounds; i++) {
            if (i > 0) {
                assertThat(sendOne.poll(10, TimeUnit.SECONDS)).as("round " + i).isNotNull();
            }
            synchronized (order) {
                client[0].send(numbered(nextStamp[0]++, 8));
            }
            if (i > 0) {
                sentOne.put(true);
            }
        }
        assertThat(all.await(20, TimeUnit.SECONDS)).as("every frame and every answer echoed").isTrue();
        assertThat(new ArrayList<>(echoed)).hasSize(2 * (rounds + 1)).isSorted();
    }

    @Test
    void schedule_runsTheTaskLaterOnTheThreadThatDeliversFrames() throws Exception {
        RelayServer server = listen(new ForwardingRelayHandler(Mode.ECHO), options());
        CompletableFuture<Thread> delivering = new CompletableFuture<>();
        CompletableFuture<Thread> ran = new CompletableFuture<>();
        ClientConnection client = connector(options()).connect(server.address(), new RecordingListener() {
            @Override
            public void frameReceived(byte[] frame) {
                delivering.complete(Thread.currentThread());
            }
        });
        client.send(new byte[]{1});
        Thread deliveringThread = delivering.get(10, TimeUnit.SECONDS);

        long before = System.nanoTime();
        boolean scheduled = client.schedule(() -> ran.complete(Thread.currentThread()), Duration.ofMillis(50));

        assertThat(scheduled).as("this transport runs deadlines on its own thread").isTrue();
        assertThat(ran.get(10, TimeUnit.SECONDS)).isSameAs(deliveringThread);
        assertThat(System.nanoTime() - before).as("not before its delay").isGreaterThanOrEqualTo(
                TimeUnit.MILLISECONDS.toNanos(50));
    }

    @Test
    void roundTrip_payloadsAreByteExactUpToTheMaximum() throws Exception {
        Relayed relayed = relayWithOneClient(new ForwardingRelayHandler(Mode.ECHO));
        ClientConnection client = relayed.client();
        RecordingListener listener = relayed.listener();

        Random random = new Random(2);
        int[] sizes = {1, 2, 125, 126, 127, 65_535, 65_536, 65_537, MAX - 1, MAX, MAX};
        List<byte[]> sent = new ArrayList<>();
        for (int size : sizes) {
            byte[] frame = randomBytes(random, size);
            sent.add(frame);
            client.send(frame.clone());
        }
        for (byte[] expected : sent) {
            assertThat(listener.next()).isEqualTo(expected);
        }
    }

    @Test
    void send_frameOverTheLimit_closesOnlyThatClient() throws Exception {
        ForwardingRelayHandler handler = new ForwardingRelayHandler(Mode.ECHO);
        RelayServer server = listen(handler, options());
        RecordingListener goodListener = new RecordingListener();
        ClientConnection good = connector(options()).connect(server.address(), goodListener);
        RecordingListener badListener = new RecordingListener();
        ClientConnection bad = connector(options().withMaxFrameLength(2 * MAX))
                .connect(server.address(), badListener);
        RelayLink goodLink = handler.connected.poll(10, TimeUnit.SECONDS);
        RelayLink badLink = handler.connected.poll(10, TimeUnit.SECONDS);

        bad.send(new byte[MAX + 1]);

        assertThat(badListener.awaitClosed()).isNotBlank();
        assertThat(handler.disconnected.poll(10, TimeUnit.SECONDS)).isSameAs(badLink);
        assertThat(handler.malformed).containsOnlyKeys(badLink);
        assertThat(handler.malformed.get(badLink)).isNotBlank().doesNotContain("\n");
        assertThat(handler.malformedCalls).hasValue(1);
        assertThat(bad.isOpen()).isFalse();

        good.send(new byte[] {42});
        assertThat(goodListener.next()).containsExactly(42);
        assertThat(good.isOpen()).isTrue();
        assertThat(handler.disconnects).doesNotContainKey(goodLink);
    }

    @Test
    void receive_frameOverTheClientsLimit_closesThatClientWithTheReason() throws Exception {
        ForwardingRelayHandler handler = new ForwardingRelayHandler(Mode.PAIR);
        RelayServer server = listen(handler, options().withMaxFrameLength(2 * MAX));
        ClientConnection sender = connector(options().withMaxFrameLength(2 * MAX))
                .connect(server.address(), new RecordingListener());
        handler.connected.poll(10, TimeUnit.SECONDS);
        RecordingListener receiver = new RecordingListener();
        connector(options()).connect(server.address(), receiver);
        RelayLink receiverLink = handler.connected.poll(10, TimeUnit.SECONDS);

        sender.send(new byte[] {5});
        sender.send(new byte[MAX + 1]);

        assertThat(receiver.next()).containsExactly(5);
        assertThat(receiver.awaitClosed()).startsWith("relay sent a malformed frame: ").doesNotContain("\n");
        assertThat(receiver.frames).isEmpty();
        assertThat(handler.disconnected.poll(10, TimeUnit.SECONDS)).isSameAs(receiverLink);
        assertThat(handler.malformed).isEmpty();
    }

    @Test
    void send_emptyOrOversizedFrame_isRefusedByTheClient() throws Exception {
        ClientConnection client = relayWithOneClient(new ForwardingRelayHandler(Mode.ECHO)).client();

        assertThatThrownBy(() -> client.send(new byte[0])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> client.send(new byte[MAX + 1])).isInstanceOf(IllegalArgumentException.class);
        assertThat(client.isOpen()).isTrue();
    }

    @Test
    void listen_portInUse_throwsOneLineIOException() throws Exception {
        String threadPrefix = "relay-" + transport().id() + "-io";
        RelayServer first = listen(new ForwardingRelayHandler(Mode.ECHO), options());
        int port = first.address().getPort();
        int threadsBefore = Threads.named(threadPrefix).size();

        assertThatThrownBy(() -> transport().listen(first.address(), new ForwardingRelayHandler(Mode.ECHO), options()))
                .isInstanceOf(IOException.class)
                .hasMessage("port " + port + " on 127.0.0.1 is already in use; choose another --port");
        assertThat(Threads.settle(threadPrefix, threadsBefore)).hasSize(threadsBefore);
    }

    @Test
    void connect_closedPort_failsQuicklyWithOneLine() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        Connector connector = connector(options());
        long start = System.nanoTime();

        assertThatThrownBy(() -> connector.connect(new InetSocketAddress("127.0.0.1", port), new RecordingListener()))
                .isInstanceOf(IOException.class)
                .hasMessage("cannot reach relay at 127.0.0.1:" + port + ": connection refused");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void serverClose_clientsAreClosedWithAReasonAndThreadsStop() throws Exception {
        ForwardingRelayHandler handler = new ForwardingRelayHandler(Mode.ECHO);
        RelayServer server = transport().listen(anyLocalPort(), handler, options());
        Connector connector = connector(options());
        RecordingListener first = new RecordingListener();
        RecordingListener second = new RecordingListener();
        connector.connect(server.address(), first);
        ClientConnection secondClient = connector.connect(server.address(), second);
        secondClient.send(new byte[] {1, 2, 3});
        assertThat(second.next()).containsExactly(1, 2, 3);

        server.close();

        assertThat(first.awaitClosed()).isEqualTo("relay closed the connection");
        assertThat(second.awaitClosed()).isEqualTo("relay closed the connection");
        assertThat(first.closedCalls).hasValue(1);
        assertThat(second.closedCalls).hasValue(1);
        assertThat(handler.disconnects).hasSize(2);
        assertThat(handler.disconnects.values()).allSatisfy(count -> assertThat(count).hasValue(1));
        assertThat(Threads.settle("relay-" + transport().id() + "-io", 0)).isEmpty();
        server.close(); // idempotent
    }

    @Test
    void clientClose_relaySeesOneDisconnectAndListenerOneClose() throws Exception {
        Relayed relayed = relayWithOneClient(new ForwardingRelayHandler(Mode.ECHO));
        ForwardingRelayHandler handler = relayed.handler();
        RecordingListener listener = relayed.listener();
        ClientConnection client = relayed.client();
        RelayLink link = relayed.link();

        client.close();
        client.close();

        assertThat(listener.awaitClosed()).isEqualTo("closed by this client");
        assertThat(handler.disconnected.poll(10, TimeUnit.SECONDS)).isSameAs(link);
        Thread.sleep(100);
        assertThat(listener.closedCalls).hasValue(1);
        assertThat(handler.disconnects.get(link)).hasValue(1);
        assertThat(handler.malformed).isEmpty();
        assertThat(client.isOpen()).isFalse();
    }

    @Test
    void connectorClose_closesItsConnectionsAndStopsItsThreads() throws Exception {
        ForwardingRelayHandler handler = new ForwardingRelayHandler(Mode.ECHO);
        RelayServer server = listen(handler, options());
        Connector connector = transport().connector(options());
        RecordingListener listener = new RecordingListener();
        ClientConnection client = connector.connect(server.address(), listener);

        connector.close();

        assertThat(listener.awaitClosed()).isEqualTo("closed by this client");
        assertThat(client.isOpen()).isFalse();
        assertThat(handler.disconnected.poll(10, TimeUnit.SECONDS)).isNotNull();
        assertThat(Threads.settle("client-" + transport().id() + "-io", 0)).isEmpty();
    }

    @Test
    void link_describesTransportAndPeer() throws Exception {
        RelayLink link = relayWithOneClient(new ForwardingRelayHandler(Mode.ECHO)).link();

        assertThat(link.describe()).matches(transport().id() + "/127\\.0\\.0\\.1:\\d+");
        assertThat(link.isWritable()).isTrue();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (link.queuedBytes() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10); // a handshake response may still be on its way out
        }
        assertThat(link.queuedBytes()).isZero();
    }

    @Test
    void setReading_false_stopsDeliveryUntilReenabled() throws Exception {
        Relayed relayed = relayWithOneClient(new ForwardingRelayHandler(Mode.ECHO).pausingOnConnect());
        ForwardingRelayHandler handler = relayed.handler();
        RecordingListener listener = relayed.listener();
        ClientConnection client = relayed.client();
        RelayLink link = relayed.link();

        for (int i = 0; i < 100; i++) {
            client.send(numbered(i, 100));
        }
        Thread.sleep(300);
        assertThat(handler.received).isEmpty();

        link.setReading(true);
        for (int i = 0; i < 100; i++) {
            assertThat(sequenceOf(listener.next())).isEqualTo(i);
        }
        assertThat(handler.received).hasSize(100);
    }

    @Test
    void slowReceiver_turnsUnwritableAndTheQueueStaysBounded() throws Exception {
        int low = 32 * 1024;
        int high = 64 * 1024;
        ForwardingRelayHandler handler = new ForwardingRelayHandler(Mode.PAIR);
        RelayServer server = listen(handler, options(low, high));

        // The receiver's only event-loop thread blocks in its first frame, so it stops reading.
        CountDownLatch release = new CountDownLatch(1);
        RecordingListener receiver = new RecordingListener() {
            private boolean first = true;

            @Override
            public void frameReceived(byte[] frame) {
                if (first) {
                    first = false;
                    try {
                        release.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                super.frameReceived(frame);
            }
        };
        ClientConnection sender = connector(options()).connect(server.address(), new RecordingListener());
        RelayLink senderLink = handler.connected.poll(10, TimeUnit.SECONDS);
        connector(options()).connect(server.address(), receiver);
        RelayLink receiverLink = handler.connected.poll(10, TimeUnit.SECONDS);

        int count = 32 * 1024; // 32 MiB, well over what the kernel's socket buffers hold
        try {
            for (int i = 0; i < count; i++) {
                sender.send(numbered(i, 1024));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (handler.paused.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            Thread.sleep(500); // give an unbounded queue the time to show itself
            // Events may arrive late (a write from another thread fires them later): the current
            // state is what counts, and the handler reads it in the event.
            assertThat(handler.writability).anySatisfy(change -> {
                assertThat(change.link()).isSameAs(receiverLink);
                assertThat(change.writable()).isFalse();
            });
            assertThat(handler.paused).containsExactly(senderLink);
            assertThat(receiverLink.isWritable()).isFalse();
            assertThat(receiverLink.queuedBytes()).isGreaterThanOrEqualTo(low);
            // One read batch may still be forwarded after the pause: bounded, and far below 32 MiB.
            assertThat(handler.maxQueuedBytes.get()).isLessThan(high + 1024L * 1024);
        } finally {
            release.countDown();
        }
        for (int i = 0; i < count; i++) {
            assertThat(sequenceOf(receiver.next())).isEqualTo(i);
        }
        assertThat(handler.writability).anySatisfy(change -> {
            assertThat(change.link()).isSameAs(receiverLink);
            assertThat(change.writable()).isTrue();
        });
        // The last frame can be read before the relay's side has counted its write as done: wait for it.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while ((!handler.paused.isEmpty() || receiverLink.queuedBytes() != 0) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(handler.paused).isEmpty();
        assertThat(receiverLink.queuedBytes()).isZero();
    }
}
