package dev.blindrelay.relay.nats;

import io.nats.client.JetStreamApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;

/**
 * Changes to the rooms' states in the bucket, on the membership thread. Each is a compare-and-set on the
 * latest state, read again when another relay wrote first; a KV call that fails is tried again for a while,
 * as JetStream may be electing a new leader after a NATS node died. The room's view adopts each state that
 * is written or read.
 */
final class RoomChanges {

    private static final Logger LOG = LoggerFactory.getLogger(RoomChanges.class);
    /** Compare-and-set writes that may lose to another relay's, in a row, before the change gives up. */
    static final int MAX_ATTEMPTS = 50;
    private static final long RETRY_NANOS = 10_000_000_000L;

    private interface Change {
        RoomState apply(RoomState state);
    }

    private final RoomStore store;
    private final RoomViews views;

    RoomChanges(RoomStore store, RoomViews views) {
        this.store = store;
        this.views = views;
    }

    /** Takes {@code entry} (and any member of a relay that is gone) out of the room's state. */
    void remove(String room, RoomState.Entry entry, boolean release) {
        RoomView view = views.get(room);
        try {
            rewrite(room, view, state -> state.keep(e -> !e.equals(entry) && views.counts(e)));
        } catch (IOException | JetStreamApiException e) {
            LOG.warn("could not take {} out of room {} ({}); the others drop it when this relay stops",
                    entry.name(), room, e.getMessage());
        } finally {
            if (release && view != null) {
                views.release(view);
            }
        }
    }

    /** Removes the members of relays that are gone from a room this relay has a view of. */
    void cleanUp(String room) {
        RoomView view = views.get(room);
        if (view == null) {
            return;
        }
        try {
            rewrite(room, view, state -> state.keep(views::counts));
        } catch (IOException | JetStreamApiException e) {
            LOG.debug("could not clean room {} up: {}", room, e.getMessage());
        }
    }

    /** Back on NATS after a break: read every room again (states published meanwhile were missed). */
    void readAll() {
        for (RoomView view : views.all()) {
            try {
                snapshot(view, true);
            } catch (IOException | JetStreamApiException e) {
                LOG.debug("could not read room {} again: {}", view.room, e.getMessage());
            }
        }
    }

    private void rewrite(String room, RoomView view, Change change) throws IOException, JetStreamApiException {
        long started = System.nanoTime();
        while (true) {
            try {
                rewriteOnce(room, view, change);
                return;
            } catch (IOException | JetStreamApiException e) {
                if (!retrying(e, started)) {
                    throw e;
                }
            }
        }
    }

    private void rewriteOnce(String room, RoomView view, Change change) throws IOException, JetStreamApiException {
        RoomView target = view != null ? view : new RoomView(room);
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            RoomStore.Snapshot before = snapshot(target, attempt > 0 || view == null);
            RoomState after = change.apply(before.state());
            if (after == before.state()) {
                return;
            }
            try {
                long revision = store.write(target, after, before.revision());
                if (view != null) {
                    synchronized (views.lock) {
                        views.adopt(view, revision, after);
                    }
                }
                return;
            } catch (RoomStore.Conflict conflict) {
                // read again and retry
            }
        }
        throw new IOException("the room changed " + MAX_ATTEMPTS + " times in a row");
    }

    /** The room's state from the view, or from the bucket when asked (or when the view has none yet). */
    RoomStore.Snapshot snapshot(RoomView view, boolean fresh) throws IOException, JetStreamApiException {
        if (!fresh) {
            synchronized (views.lock) {
                if (view.revision > 0) {
                    return new RoomStore.Snapshot(view.revision, view.state);
                }
            }
        }
        RoomStore.Snapshot read = store.read(view);
        synchronized (views.lock) {
            if (views.isCurrent(view)) {
                views.adopt(view, read.revision(), read.state());
            }
        }
        return read;
    }

    /**
     * Whether to try a failed KV call again: JetStream may be electing a new leader after a NATS node died,
     * which takes a few seconds. Waits a little first; gives up {@link #RETRY_NANOS} after {@code started}.
     */
    static boolean retrying(Exception e, long started) {
        if (System.nanoTime() - started > RETRY_NANOS) {
            return false;
        }
        LOG.debug("relay cluster busy, trying again: {}", e.getMessage());
        try {
            Thread.sleep(250);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        return true;
    }
}
