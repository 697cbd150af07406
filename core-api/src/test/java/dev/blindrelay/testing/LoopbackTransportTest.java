package dev.blindrelay.testing;

import dev.blindrelay.spi.ClientConnection;
import dev.blindrelay.spi.Connector;
import dev.blindrelay.spi.FrameListener;
import dev.blindrelay.spi.RelayHandler;
import dev.blindrelay.spi.RelayLink;
import dev.blindrelay.spi.RelayServer;
import dev.blindrelay.spi.TransportOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LoopbackTransportTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final InetSocketAddress ANY = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);

    private final LoopbackTransport transport = new LoopbackTransport();
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
    }

    /** Waits on its own monitor until a condition over the recorded events holds. */
    private abstract static class Recorder {
        final List<String> events = new ArrayList<>();
        final Set<String> threads = new HashSet<>();

        synchronized void add(String event) {
            events.add(event);
            threads.add(Thread.currentThread().getName());
            notifyAll();
        }

        synchronized List<String> events() {
            return List.copyOf(events);
        }

        synchronized void await(String what, Predicate<List<String>> done) throws InterruptedException {
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (!done.test(events)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("timed out waiting for " + what + "; saw " + events);
                }
                wait(Math.max(1, left / 1_000_000));
            }
        }

        /** A negative check needs a bound: fails if {@code event} shows up within {@code window}. */
        synchronized void assertAbsentFor(String event, Duration window) throws InterruptedException {
            long deadline = System.nanoTime() + window.toNanos();
            for (long left = window.toNanos(); left > 0; left = deadline - System.nanoTime()) {
                assertThat(events).doesNotContain(event);
                wait(Math.max(1, left / 1_000_000));
            }
            assertThat(events).doesNotContain(event);
        }

        void awaitEvent(String event) throws InterruptedException {
            await(event, list -> list.contains(event));
        }

        void awaitCount(String prefix, int count) throws InterruptedException {
            await(count + " x " + prefix, list -> list.stream().filter(e -> e.startsWith(prefix)).count() >= count);
        }
    }

    /** Records handler calls; echoes each frame back when asked to. */
    private static final class Handler extends Recorder implements RelayHandler {
        volatile boolean echo;
        volatile RelayLink last;

        @Override
        public void connected(RelayLink link) {
            last = link;
            add("connected " + link.describe());
        }

        @Override
        public void frameReceived(RelayLink link, byte[] frame) {
            add("frame " + ByteBuffer.wrap(frame).getInt());
            if (echo) {
                link.send(frame);
            }
        }

        @Override
        public void malformed(RelayLink link, String reason) {
            add("malformed " + reason);
        }

        @Override
        public void writabilityChanged(RelayLink link) {
            add("writability");
        }

        @Override
        public void disconnected(RelayLink link) {
            add("disconnected");
        }
    }

    private static final class Listener extends Recorder implements FrameListener {
        @Override
        public void frameReceived(byte[] frame) {
            add("frame " + ByteBuffer.wrap(frame).getInt());
        }

        @Override
        public void closed(String reason) {
            add("closed " + reason);
        }
    }

    private static byte[] frame(int number) {
        return ByteBuffer.allocate(8).putInt(number).putInt(~number).array();
    }

    private RelayServer listen(Handler handler, TransportOptions options) throws IOException {
        RelayServer server = transport.listen(ANY, handler, options);
        toClose.add(server);
        return server;
    }

    private Connector connector() {
        Connector connector = transport.connector(TransportOptions.defaults());
        toClose.add(connector);
        return connector;
    }

    private static List<String> numbered(String prefix, int count) {
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            expected.add(prefix + i);
        }
        return expected;
    }

    @Test
    void id_isLoopback() {
        assertThat(transport.id()).isEqualTo("loopback");
        assertThat(transport.description()).isNotBlank();
    }

    @Test
    void listen_portZeroPicksAFreePortAndATakenPortFails() throws Exception {
        RelayServer first = listen(new Handler(), TransportOptions.defaults());
        RelayServer second = listen(new Handler(), TransportOptions.defaults());
        assertThat(first.address().getPort()).isPositive().isNotEqualTo(second.address().getPort());
        assertThatThrownBy(() -> transport.listen(first.address(), new Handler(), TransportOptions.defaults()))
                .isInstanceOf(IOException.class).hasMessageContaining("in use");
    }

    @Test
    void connect_nothingListeningRefused() {
        assertThatThrownBy(() -> connector().connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), 1),
                new Listener())).isInstanceOf(IOException.class).hasMessageContaining("connection refused");
    }

    @Test
    void connect_otherTransportInstanceIsAnotherNetwork() throws Exception {
        RelayServer server = listen(new Handler(), TransportOptions.defaults());
        Connector foreign = new LoopbackTransport().connector(TransportOptions.defaults());
        toClose.add(foreign);
        assertThatThrownBy(() -> foreign.connect(server.address(), new Listener())).isInstanceOf(IOException.class);
    }

    @Test
    void send_framesArriveInOrderBothWaysOnOneThreadPerSide() throws Exception {
        Handler handler = new Handler();
        handler.echo = true;
        RelayServer server = listen(handler, TransportOptions.defaults());
        Listener listener = new Listener();
        ClientConnection connection = connector().connect(server.address(), listener);
        for (int i = 0; i < 500; i++) {
            connection.send(frame(i));
        }
        listener.awaitCount("frame ", 500);

        List<String> expected = numbered("frame ", 500);
        assertThat(listener.events()).isEqualTo(expected);
        assertThat(handler.events().get(0)).startsWith("connected loopback/client-");
        assertThat(handler.events().subList(1, 501)).isEqualTo(expected);
        assertThat(handler.threads).hasSize(1);
        assertThat(listener.threads).hasSize(1);
        assertThat(connection.isOpen()).isTrue();
        assertThat(handler.last.isWritable()).isTrue();
        assertThat(handler.last.queuedBytes()).isZero();
    }

    @Test
    void send_framesAreCopiedAtTheBoundary() throws Exception {
        Handler handler = new Handler();
        RelayServer server = listen(handler, TransportOptions.defaults());
        ClientConnection connection = connector().connect(server.address(), new Listener());
        byte[] frame = frame(7);
        connection.send(frame);
        frame[3] = 99;
        handler.awaitEvent("frame 7");
    }

    @Test
    void close_byRelayFlushesThenClosesOnceOnBothSides() throws Exception {
        Handler handler = new Handler();
        RelayServer server = listen(handler, TransportOptions.defaults());
        Listener listener = new Listener();
        ClientConnection connection = connector().connect(server.address(), listener);
        handler.await("connected", list -> !list.isEmpty());
        RelayLink link = handler.last;
        link.send(frame(1));
        link.send(frame(2));
        link.close();
        link.close();
        link.send(frame(3));

        listener.await("closed", list -> list.stream().anyMatch(e -> e.startsWith("closed")));
        handler.awaitEvent("disconnected");
        assertThat(listener.events()).containsExactly("frame 1", "frame 2", "closed the relay closed the connection");
        assertThat(handler.events()).filteredOn("disconnected"::equals).hasSize(1);
        assertThat(connection.isOpen()).isFalse();
    }

    @Test
    void abort_dropsWhatIsQueuedForTheClient() throws Exception {
        Handler handler = new Handler();
        RelayServer server = listen(handler, TransportOptions.defaults());
        Listener listener = new Listener();
        connector().connect(server.address(), listener);
        handler.await("connected", list -> !list.isEmpty());
        handler.last.abort();
        handler.last.send(frame(1));

        listener.await("closed", list -> list.stream().anyMatch(e -> e.startsWith("closed")));
        handler.awaitEvent("disconnected");
        assertThat(listener.events()).containsExactly("closed the relay dropped the connection");
    }

    @Test
    void close_byClientDeliversItsFramesThenDisconnectsOnce() throws Exception {
        Handler handler = new Handler();
        RelayServer server = listen(handler, TransportOptions.defaults());
        Listener listener = new Listener();
        ClientConnection connection = connector().connect(server.address(), listener);
        connection.send(frame(1));
        connection.send(frame(2));
        connection.close();
        connection.close();
        connection.send(frame(3));

        handler.awaitEvent("disconnected");
        listener.await("closed", list -> !list.isEmpty());
        assertThat(handler.events().subList(1, handler.events().size()))
                .containsExactly("frame 1", "frame 2", "disconnected");
        assertThat(listener.events()).containsExactly("closed connection closed");
        assertThat(connection.isOpen()).isFalse();
    }

    @Test
    void setReading_holdsClientFramesUntilResumed() throws Exception {
        Handler handler = new Handler();
        RelayServer server = listen(handler, TransportOptions.defaults());
        ClientConnection connection = connector().connect(server.address(), new Listener());
        connection.send(frame(0));
        handler.awaitEvent("frame 0");
        handler.last.setReading(false);
        connection.send(frame(1));
        connection.send(frame(2));
        handler.assertAbsentFor("frame 1", Duration.ofMillis(200));

        handler.last.setReading(true);
        handler.awaitEvent("frame 2");
        assertThat(handler.events().subList(1, 4)).containsExactly("frame 0", "frame 1", "frame 2");
    }

    @Test
    void send_overMaxFrameLengthReportedAsMalformedAndClosed() throws Exception {
        Handler handler = new Handler();
        RelayServer server = listen(handler, TransportOptions.defaults().withMaxFrameLength(64));
        Listener listener = new Listener();
        ClientConnection connection = connector().connect(server.address(), listener);
        connection.send(new byte[65]);

        handler.awaitEvent("disconnected");
        assertThat(handler.events()).anyMatch(e -> e.startsWith("malformed frame of 65 bytes"));
        listener.await("closed", list -> !list.isEmpty());
        assertThat(connection.isOpen()).isFalse();
    }

    @Test
    void close_serverClosesEveryLinkAndRefusesNewOnes() throws Exception {
        Handler handler = new Handler();
        RelayServer server = listen(handler, TransportOptions.defaults());
        Connector connector = connector();
        Listener first = new Listener();
        Listener second = new Listener();
        connector.connect(server.address(), first);
        connector.connect(server.address(), second);
        handler.awaitCount("connected", 2);

        server.close();

        assertThat(first.events()).containsExactly("closed the relay closed the connection");
        assertThat(second.events()).containsExactly("closed the relay closed the connection");
        assertThat(handler.events()).filteredOn("disconnected"::equals).hasSize(2);
        assertThatThrownBy(() -> connector.connect(server.address(), new Listener())).isInstanceOf(IOException.class);
    }

    @Test
    void close_connectorClosesItsConnections() throws Exception {
        Handler handler = new Handler();
        RelayServer server = listen(handler, TransportOptions.defaults());
        Connector connector = transport.connector(TransportOptions.defaults());
        ClientConnection connection = connector.connect(server.address(), new Listener());
        connector.close();
        handler.awaitEvent("disconnected");
        assertThat(connection.isOpen()).isFalse();
        assertThatThrownBy(() -> connector.connect(server.address(), new Listener())).isInstanceOf(IOException.class);
    }
}
