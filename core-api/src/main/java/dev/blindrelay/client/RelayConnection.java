package dev.blindrelay.client;

import dev.blindrelay.spi.ClientConnection;
import dev.blindrelay.spi.Connector;
import dev.blindrelay.spi.FrameListener;
import dev.blindrelay.wire.Envelope;
import dev.blindrelay.wire.FrameType;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One connection to the relay, from connect to close: it sends our JOIN, waits for the relay's
 * answer, and hands every event to the client (which ignores events from a connection it replaced).
 */
final class RelayConnection implements FrameListener {

    /** What the client does with a connection's events; called on the transport thread. */
    interface Events {
        void frameReceived(RelayConnection from, byte[] frame);

        void readComplete(RelayConnection from);

        /** @param wasJoined whether the relay had accepted the join on this connection */
        void closed(RelayConnection from, String reason, boolean wasJoined);
    }

    private final Events events;
    private final CompletableFuture<List<String>> welcome = new CompletableFuture<>();
    private volatile ClientConnection connection;

    private RelayConnection(Events events) {
        this.events = events;
    }

    /** @throws IOException with a one-line reason when the relay cannot be reached */
    static RelayConnection open(Connector connector, InetSocketAddress relay, Events events) throws IOException {
        RelayConnection opened = new RelayConnection(events);
        opened.connection = connector.connect(relay, opened);
        return opened;
    }

    /**
     * Sends the JOIN and waits for the relay to accept it. On failure the connection is closed.
     *
     * @throws IOException with the relay's one-line reason (name taken, ...) or a timeout
     */
    void join(String name, String room, Duration timeout) throws IOException {
        connection.send(new Envelope(FrameType.JOIN, name, "", room, new byte[0]).encode());
        try {
            welcome.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            close();
            throw new IOException(e.getCause().getMessage());
        } catch (TimeoutException e) {
            close();
            throw new IOException("the relay did not answer the join within " + timeout.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new IOException("interrupted while joining");
        }
    }

    /** The relay accepted the join. False for a second WELCOME. */
    boolean welcomed(List<String> members) {
        return welcome.complete(members);
    }

    /** A fatal ERROR from the relay: before the join, it fails {@link #join}; returns whether it did. */
    boolean refusedJoin(String reason) {
        return welcome.completeExceptionally(new IOException("the relay refused: " + reason));
    }

    /** Joined: the relay accepted our JOIN on this connection. */
    boolean joined() {
        return welcome.isDone() && !welcome.isCompletedExceptionally();
    }

    void send(byte[] frame) {
        connection.send(frame);
    }

    /** {@link ClientConnection#schedule}: false when the transport leaves deadlines to the client's timer. */
    boolean schedule(Runnable task, Duration delay) {
        return connection.schedule(task, delay);
    }

    void close() {
        connection.close();
    }

    @Override
    public void frameReceived(byte[] frame) {
        events.frameReceived(this, frame);
    }

    @Override
    public void readComplete() {
        events.readComplete(this);
    }

    @Override
    public void closed(String reason) {
        boolean wasJoined = joined();
        welcome.completeExceptionally(new IOException(reason));
        events.closed(this, reason, wasJoined);
    }
}
