package dev.blindrelay.client;

import java.time.Duration;

/**
 * Which of the client's relay connections counts, and whether the client is closed: events from a
 * connection it replaced are ignored, and once it is closed nothing counts. Guarded by the client's
 * lock; {@link #send} only reads which connection is live, and takes no lock.
 */
final class LiveConnection {

    /** The live connection; events from an older connection are ignored. */
    private RelayConnection current;
    private boolean closed;

    /** Makes {@code opened} the live connection; false when the client was closed meanwhile. */
    boolean attach(RelayConnection opened) {
        if (closed) {
            return false;
        }
        current = opened;
        return true;
    }

    /** Whether the events of {@code connection} count: it is the live one, and the client is open. */
    boolean counts(RelayConnection connection) {
        return !closed && current == connection;
    }

    /** {@code lost} closed: when it was the live one, there is none now, and this returns true. */
    boolean detach(RelayConnection lost) {
        if (current != lost) {
            return false;
        }
        current = null;
        return true;
    }

    /**
     * Joined on the live connection. A reconnect is not online until the relay's WELCOME: until then
     * the room's members are unknown, so a message typed meanwhile is queued, not refused.
     */
    boolean online() {
        return current != null && current.joined();
    }

    boolean closed() {
        return closed;
    }

    /** The client closes: returns the connection to close, or null when there is none. */
    RelayConnection close() {
        closed = true;
        return current;
    }

    /** On the live connection's own thread; false when there is none, or its transport offers none. */
    boolean schedule(Runnable task, Duration delay) {
        RelayConnection live = current;
        return live != null && live.schedule(task, delay);
    }

    void send(byte[] frame) {
        RelayConnection live = current;
        if (live != null) {
            live.send(frame);
        }
    }
}
