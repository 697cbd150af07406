package dev.blindrelay.cli.bench;

import dev.blindrelay.spi.ClientConnection;
import dev.blindrelay.spi.Connector;
import dev.blindrelay.spi.FrameListener;
import dev.blindrelay.wire.Envelope;
import dev.blindrelay.wire.FrameType;
import dev.blindrelay.wire.MalformedFrameException;
import dev.blindrelay.wire.RelayMessages;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * One connection of the raw load, with no client engine: it joins with a real JOIN when the target
 * speaks the protocol, hands DATA frames to {@code onData} untouched, and reports relay errors and
 * disconnects as problems.
 */
final class RawEnd implements FrameListener {

    private static final long WELCOME_SECONDS = 30;

    final String name;
    private final Traffic traffic;
    private final Consumer<byte[]> onData;
    private final CompletableFuture<Void> welcome = new CompletableFuture<>();
    private volatile boolean closing;
    private ClientConnection connection;

    RawEnd(String name, Traffic traffic, Consumer<byte[]> onData) {
        this.name = name;
        this.traffic = traffic;
        this.onData = onData;
    }

    void connect(Connector connector, InetSocketAddress address) throws IOException {
        connection = connector.connect(address, this);
    }

    void sendJoin(String room) {
        connection.send(new Envelope(FrameType.JOIN, name, "", room, new byte[0]).encode());
    }

    void awaitWelcome() throws IOException, InterruptedException {
        try {
            welcome.get(WELCOME_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException(name + " was not welcomed by the relay: " + (e.getCause() == null ? "timeout"
                    : e.getCause().getMessage()));
        }
    }

    void send(byte[] frame) {
        connection.send(frame);
    }

    void close() {
        closing = true;
        if (connection != null) {
            connection.close();
        }
    }

    @Override
    public void frameReceived(byte[] frame) {
        if (frame.length > 1 && frame[1] == (byte) FrameType.DATA.code()) {
            onData.accept(frame);
            return;
        }
        try {
            Envelope envelope = Envelope.parse(frame);
            if (envelope.type() == FrameType.WELCOME) {
                welcome.complete(null);
            } else if (envelope.type() == FrameType.ERROR) {
                traffic.problem(name + " got an error from the relay: " + RelayMessages.parseError(envelope.body()).reason());
            }
        } catch (MalformedFrameException e) {
            traffic.problem(name + " got a malformed frame: " + e.getMessage());
        }
    }

    @Override
    public void closed(String reason) {
        welcome.completeExceptionally(new IOException(reason));
        if (!closing) {
            traffic.problem(name + " disconnected: " + reason);
        }
    }
}
