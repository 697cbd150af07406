package dev.blindrelay.relay.nats;

import dev.blindrelay.relay.MemberDirectory;
import dev.blindrelay.relay.LocalRooms;
import dev.blindrelay.relay.Member;
import dev.blindrelay.wire.FrameType;
import dev.blindrelay.wire.NameKeys;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.JetStreamApiException;
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
import java.util.concurrent.ThreadFactory;
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
 * one join or leave at a time; one timer beats and sweeps. {@link RoomViews} keeps the views, under its lock;
 * {@link RoomChanges} writes the rooms' states, {@link RelayInbox} takes what other relays send here alone.
 */
final class NatsDirectory implements MemberDirectory, Heartbeats.Listener {

    private static final Logger LOG = LoggerFactory.getLogger(NatsDirectory.class);

    private final NatsCluster cluster;
    private final LocalRooms local;
    private final String self;
    private final Connection nats;
    private final RoomStore store;
    private final Heartbeats heartbeats;
    private final Backpressure backpressure;
    private final Dispatcher dispatcher;
    private final ExecutorService membership;
    private final ScheduledExecutorService timer;
    private final RoomViews views;
    private final RoomChanges changes;
    private final AtomicLong nextSerial = new AtomicLong();

    NatsDirectory(NatsCluster cluster, LocalRooms local) {
        this.cluster = cluster;
        this.local = local;
        this.self = cluster.relayId();
        this.nats = cluster.connection();
        this.store = new RoomStore(cluster.rooms(), nats);
        ClusterSettings settings = cluster.settings();
        Liveness liveness = new Liveness(self, settings.deadAfter().toNanos());
        this.heartbeats = new Heartbeats(self, nats, liveness, this);
        this.membership = Executors.newSingleThreadExecutor(daemon("nats-membership"));
        this.timer = Executors.newSingleThreadScheduledExecutor(daemon("nats-heartbeat"));
        this.backpressure = new Backpressure(self, nats, local, timer);
        this.dispatcher = nats.createDispatcher();
        this.views = new RoomViews(self, liveness, local, nats, dispatcher);
        this.changes = new RoomChanges(store, views);
        RelayInbox inbox = new RelayInbox(local, views, backpressure, nats);
        dispatcher.subscribe(Subjects.frames(self), inbox::frameArrived);
        dispatcher.subscribe(Subjects.control(self), inbox::controlArrived);
        cluster.onReconnect(() -> runMembership(changes::readAll));
        heartbeats.start(dispatcher, timer, settings.heartbeat());
        // Hear every live relay once before taking joins, so their members count from the first join on.
        try {
            Thread.sleep(settings.heartbeat().toMillis() * 5 / 4);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
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
                RoomStore.Snapshot before = changes.snapshot(view, attempt > 0);
                RoomState.Entry holder = holderOf(before.state(), nameKeys);
                if (holder != null) {
                    local.refuse(member, LocalRooms.takenReason(name, holder.name(), room));
                    views.release(view);
                    return;
                }
                RoomState after = before.state().keep(views::counts).with(mine);
                long revision;
                try {
                    revision = store.write(view, after, before.revision());
                } catch (RoomStore.Conflict conflict) {
                    if (attempt < RoomChanges.MAX_ATTEMPTS) {
                        continue;
                    }
                    throw new IOException("the room changed " + RoomChanges.MAX_ATTEMPTS + " times in a row");
                }
                admit(view, member, mine, nameKeys, before.state(), revision, after);
                return;
            }
        } catch (IOException | JetStreamApiException e) {
            if (!member.isClosing() && RoomChanges.retrying(e, started)) {
                views.release(view);
                joinNow(member, name, room, started);
                return;
            }
            local.refuse(member, "the relay cluster could not take the join (" + e.getMessage() + "); try again");
            views.release(view);
        }
    }

    /** Under the lock: the newcomer enters, the others here hear of it, then it gets its WELCOME. */
    private void admit(RoomView view, Member member, RoomState.Entry mine, List<String> nameKeys, RoomState before,
                       long revision, RoomState after) {
        synchronized (views.lock) {
            if (member.isClosing()) { // it left while its join was on its way
                runMembership(() -> changes.remove(view.room, mine, true));
                return;
            }
            views.own(member, mine.serial());
            if (revision > view.revision) {
                view.revision = revision;
                view.state = after;
            }
            views.refresh(view); // PEER_JOINED to the members here; the newcomer has not entered yet
            String taken = local.enter(member, mine.name(), view.room, nameKeys);
            if (taken != null) {
                views.disown(member);
                local.refuse(member, taken);
                runMembership(() -> changes.remove(view.room, mine, true));
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
            local.welcome(member, names);
            // The room may have moved on past our write already: tell the newcomer what changed since.
            Set<RoomState.Entry> now = new HashSet<>(view.told);
            for (RoomState.Entry entry : earlier) {
                if (!now.contains(entry)) {
                    local.tell(member, FrameType.PEER_LEFT, entry.name());
                }
            }
            Set<RoomState.Entry> known = new HashSet<>(earlier);
            for (RoomState.Entry entry : view.told) {
                if (!known.contains(entry) && !entry.equals(mine)) {
                    local.tell(member, FrameType.PEER_JOINED, entry.name());
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
            local.exit(member, nameKeys);
            RoomView view = views.get(room);
            if (view != null) {
                views.refresh(view); // the members here hear PEER_LEFT at once, as on a single relay
            }
        }
        RoomState.Entry entry = new RoomState.Entry(member.name(), self, serial);
        runMembership(() -> changes.remove(room, entry, true));
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
            runMembership(() -> changes.cleanUp(room));
        }
    }

    /** A relay is heard from (again): its members count. */
    @Override
    public void relayHeard(String relay) {
        views.refreshAll();
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

    private static ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
