package dev.blindrelay.relay.nats;

import dev.blindrelay.relay.Member;
import dev.blindrelay.relay.MemberDirectory;
import dev.blindrelay.relay.RelayRouter;
import dev.blindrelay.wire.EnvelopeHeader;
import dev.blindrelay.wire.FrameType;
import dev.blindrelay.wire.MalformedFrameException;
import dev.blindrelay.wire.NameKeys;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.JetStreamApiException;
import io.nats.client.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Rooms shared by every relay of a NATS cluster. A room's members, in join order, are one key of a JetStream
 * KV bucket changed only by compare-and-set, so all relays agree on who joined before whom (and so on who
 * starts each handshake). After each change the writer publishes the new state on the room's subject, to
 * which only relays with members in that room listen. Frames for a member elsewhere go unchanged to its
 * relay's frames subject. Relays say they are alive with heartbeats; one that falls silent is gone, and its
 * members leave every room.
 *
 * <p>Threads: the transport threads forward (a map lookup and a publish); one NATS dispatcher thread
 * delivers frames, room states, heartbeats and control messages in the order NATS delivered them (so a
 * PEER_JOINED always goes out before the newcomer's first frame); one membership thread does the KV calls,
 * one join or leave at a time; one timer beats and sweeps. {@link RoomViews} keeps the views, under its lock.
 */
final class NatsDirectory implements MemberDirectory, Heartbeats.Listener {

    private static final Logger LOG = LoggerFactory.getLogger(NatsDirectory.class);
    private static final int MAX_ATTEMPTS = 50;
    private static final long RETRY_NANOS = 10_000_000_000L;

    private final NatsCluster cluster;
    private final RelayRouter router;
    private final String self;
    private final Connection nats;
    private final RoomStore store;
    private final Heartbeats heartbeats;
    private final Backpressure backpressure;
    private final Dispatcher dispatcher;
    private final ExecutorService membership;
    private final ScheduledExecutorService timer;
    private final RoomViews views;
    private final AtomicLong nextSerial = new AtomicLong();

    NatsDirectory(NatsCluster cluster, RelayRouter router) {
        this.cluster = cluster;
        this.router = router;
        this.self = cluster.relayId();
        this.nats = cluster.connection();
        this.store = new RoomStore(cluster.rooms(), nats);
        ClusterSettings settings = cluster.settings();
        Liveness liveness = new Liveness(self, settings.deadAfter().toNanos());
        this.heartbeats = new Heartbeats(self, nats, liveness, this);
        this.membership = Executors.newSingleThreadExecutor(daemon("nats-membership"));
        this.timer = Executors.newSingleThreadScheduledExecutor(daemon("nats-heartbeat"));
        this.backpressure = new Backpressure(self, nats, router, timer);
        this.dispatcher = nats.createDispatcher();
        this.views = new RoomViews(self, liveness, router, nats, dispatcher);
        dispatcher.subscribe(Subjects.frames(self), this::frameArrived);
        dispatcher.subscribe(Subjects.control(self), this::controlArrived);
        cluster.onReconnect(() -> runMembership(this::resynchronise));
        heartbeats.start(dispatcher, timer, settings.heartbeat());
        // Hear every live relay once before taking joins, so their members count from the first join on.
        sleep(settings.heartbeat().toMillis() * 5 / 4);
    }

    // ---- forwarding: on the transport threads --------------------------------------------------------

    @Override
    public boolean forward(Member source, String recipient, byte[] frame) {
        RoomView view = views.get(source.roomName());
        RoomView.Remote remote = view == null ? null : view.remote.get(recipient);
        if (remote == null) {
            return false;
        }
        try {
            nats.publish(remote.subject(), frame);
        } catch (IllegalStateException e) {
            LOG.debug("NATS could not take a frame for {}: {}", recipient, e.getMessage());
            return true; // lost as on a broken link: the recipient sees a gap, the sender no acknowledgement
        }
        backpressure.published(source);
        return true;
    }

    @Override
    public void drained(Member member) {
        backpressure.release(member);
    }

    @Override
    public boolean mayResume(Member sender) {
        return backpressure.mayResume(sender);
    }

    // ---- what arrives from NATS: on the dispatcher thread --------------------------------------------

    /** A frame for a member here (the link gathers the frames that arrive in a row into one write). */
    private void frameArrived(Message message) {
        byte[] frame = message.getData();
        try {
            EnvelopeHeader header = EnvelopeHeader.parse(frame);
            Member target = router.deliver(header, frame);
            if (target != null && router.isFull(target)) {
                RoomView view = views.get(header.room());
                RoomView.Remote sender = view == null ? null : view.remote.get(header.sender());
                if (sender != null) {
                    backpressure.hold(target, sender.relay(), header.room(), header.sender());
                }
            }
        } catch (MalformedFrameException e) {
            LOG.warn("dropped a malformed frame from another relay: {}", e.getMessage());
        }
    }

    private void controlArrived(Message message) {
        Control control;
        try {
            control = Control.decode(message.getData());
        } catch (MalformedFrameException e) {
            LOG.warn("dropped a malformed control message: {}", e.getMessage());
            return;
        }
        switch (control.op()) {
            case Control.PAUSE -> backpressure.paused(control);
            case Control.RESUME -> backpressure.resumed(control);
            case Control.EVICTED -> evicted(control.from());
            case Control.PROBE -> { // answered: this relay is alive
                if (message.getReplyTo() != null) {
                    nats.publish(message.getReplyTo(), new byte[0]);
                }
            }
            default -> LOG.warn("unknown control message {} from relay {}", control.op(), control.from());
        }
    }

    // ---- joins and leaves: on the membership thread -------------------------------------------------

    @Override
    public void join(Member member, String name, String room) {
        runMembership(() -> joinNow(member, name, room, System.nanoTime()));
    }

    private void joinNow(Member member, String name, String room, long started) {
        if (member.isClosing()) {
            return;
        }
        RoomView view = views.use(room);
        RoomState.Entry mine = new RoomState.Entry(name, self, nextSerial.incrementAndGet());
        List<String> nameKeys = NameKeys.of(name);
        try {
            for (int attempt = 0; ; attempt++) {
                RoomStore.Snapshot before = snapshot(view, attempt > 0);
                RoomState.Entry holder = holderOf(before.state(), nameKeys);
                if (holder != null) {
                    router.refuse(member, RelayRouter.takenReason(name, holder.name(), room));
                    views.release(view);
                    return;
                }
                RoomState after = before.state().keep(views::counts).with(mine);
                long revision;
                try {
                    revision = store.write(view, after, before.revision());
                } catch (RoomStore.Conflict conflict) {
                    if (attempt < MAX_ATTEMPTS) {
                        continue;
                    }
                    throw new IOException("the room changed " + MAX_ATTEMPTS + " times in a row");
                }
                admit(view, member, mine, nameKeys, before.state(), revision, after);
                return;
            }
        } catch (IOException | JetStreamApiException e) {
            if (!member.isClosing() && retrying(e, started)) {
                views.release(view);
                joinNow(member, name, room, started);
                return;
            }
            router.refuse(member, "the relay cluster could not take the join (" + e.getMessage() + "); try again");
            views.release(view);
        }
    }

    /**
     * Whether to try a failed KV call again: JetStream may be electing a new leader after a NATS node died,
     * which takes a few seconds. Waits a little first; gives up {@link #RETRY_NANOS} after {@code started}.
     */
    private static boolean retrying(Exception e, long started) {
        if (System.nanoTime() - started > RETRY_NANOS) {
            return false;
        }
        LOG.debug("relay cluster busy, trying again: {}", e.getMessage());
        sleep(250);
        return true;
    }

    /** Under the lock: the newcomer enters, the others here hear of it, then it gets its WELCOME. */
    private void admit(RoomView view, Member member, RoomState.Entry mine, List<String> nameKeys, RoomState before,
                       long revision, RoomState after) {
        synchronized (views.lock) {
            if (member.isClosing()) { // it left while its join was on its way
                runMembership(() -> remove(view.room, mine, true));
                return;
            }
            views.own(member, mine.serial());
            if (revision > view.revision) {
                view.revision = revision;
                view.state = after;
            }
            views.refresh(view); // PEER_JOINED to the members here; the newcomer has not entered yet
            String taken = router.enter(member, mine.name(), view.room, nameKeys);
            if (taken != null) {
                views.disown(member);
                router.refuse(member, taken);
                runMembership(() -> remove(view.room, mine, true));
                return;
            }
            List<RoomState.Entry> earlier = new ArrayList<>();
            List<String> names = new ArrayList<>();
            for (RoomState.Entry entry : before.entries()) {
                if (views.counts(entry)) {
                    earlier.add(entry);
                    names.add(entry.name());
                }
            }
            router.welcome(member, names);
            // The room may have moved on past our write already: tell the newcomer what changed since.
            Set<RoomState.Entry> now = new HashSet<>(view.told);
            for (RoomState.Entry entry : earlier) {
                if (!now.contains(entry)) {
                    router.tell(member, FrameType.PEER_LEFT, entry.name());
                }
            }
            Set<RoomState.Entry> known = new HashSet<>(earlier);
            for (RoomState.Entry entry : view.told) {
                if (!known.contains(entry) && !entry.equals(mine)) {
                    router.tell(member, FrameType.PEER_JOINED, entry.name());
                }
            }
        }
    }

    @Override
    public void leave(Member member) {
        Long serial = views.disown(member);
        backpressure.left(member);
        if (serial == null) {
            return; // never admitted (its join, if any, sees it closing)
        }
        String room = member.roomName();
        List<String> nameKeys = NameKeys.of(member.name()); // outside the lock: ICU does the work
        synchronized (views.lock) {
            router.exit(member, nameKeys);
            RoomView view = views.get(room);
            if (view != null) {
                views.refresh(view); // the members here hear PEER_LEFT at once, as on a single relay
            }
        }
        RoomState.Entry entry = new RoomState.Entry(member.name(), self, serial);
        runMembership(() -> remove(room, entry, true));
    }

    /** Takes {@code entry} (and any member of a relay that is gone) out of the room's state. */
    private void remove(String room, RoomState.Entry entry, boolean release) {
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
    private void cleanUp(String room) {
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

    private interface Change {
        RoomState apply(RoomState state);
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
    private RoomStore.Snapshot snapshot(RoomView view, boolean fresh) throws IOException, JetStreamApiException {
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

    /** The member of the room who holds {@code name} (or a look-alike of it), if it is still there. */
    private RoomState.Entry holderOf(RoomState state, List<String> nameKeys) {
        for (RoomState.Entry entry : state.entries()) {
            if (views.counts(entry) && NameKeys.of(entry.name()).stream().anyMatch(nameKeys::contains)) {
                if (entry.relay().equals(self) || !heartbeats.probedGone(entry.relay())) {
                    return entry;
                }
            }
        }
        return null;
    }

    // ---- liveness: on the timer and dispatcher threads ----------------------------------------------

    /** A relay is gone: its members leave the rooms here at once, and from the bucket. */
    @Override
    public void relayGone(String relay) {
        backpressure.relayGone(relay);
        List<String> rooms = new ArrayList<>();
        synchronized (views.lock) {
            for (RoomView view : views.all()) {
                if (view.remote.values().stream().anyMatch(remote -> remote.relay().equals(relay))) {
                    views.refresh(view); // PEER_LEFT for its members
                    rooms.add(view.room);
                }
            }
        }
        for (String room : rooms) {
            runMembership(() -> cleanUp(room));
        }
    }

    /** A relay is heard from (again): its members count. */
    @Override
    public void relayHeard(String relay) {
        views.refreshAll();
    }

    /** The others gave this relay up while it was cut off: its members reconnect and join afresh. */
    private void evicted(String by) {
        LOG.warn("relay {} says the cluster gave this relay up; reconnecting its members", by);
        synchronized (views.lock) {
            for (RoomView view : views.all()) {
                for (Member member : router.localMembers(view.room)) {
                    router.drop(member, "the relay cluster lost this relay for a while; reconnecting");
                }
            }
        }
    }

    /** Back on NATS after a break: read every room again (states published meanwhile were missed). */
    private void resynchronise() {
        for (RoomView view : views.all()) {
            try {
                snapshot(view, true);
            } catch (IOException | JetStreamApiException e) {
                LOG.debug("could not read room {} again: {}", view.room, e.getMessage());
            }
        }
    }

    private void runMembership(Runnable task) {
        try {
            membership.execute(task);
        } catch (RejectedExecutionException e) {
            LOG.debug("relay stopping: membership change skipped");
        }
    }

    @Override
    public void close() {
        membership.shutdown();
        try {
            membership.awaitTermination(3, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        timer.shutdownNow();
        heartbeats.bye();
        cluster.close();
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
