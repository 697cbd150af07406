package dev.blindrelay.relay.nats;

import dev.blindrelay.relay.Member;
import dev.blindrelay.relay.MemberDirectory;
import dev.blindrelay.relay.RelayRouter;
import dev.blindrelay.wire.EnvelopeHeader;
import dev.blindrelay.wire.FrameType;
import dev.blindrelay.wire.MalformedFrameException;
import dev.blindrelay.wire.WireReader;
import dev.blindrelay.wire.WireWriter;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.JetStreamApiException;
import io.nats.client.KeyValue;
import io.nats.client.Message;
import io.nats.client.api.KeyValueEntry;
import io.nats.client.api.KeyValueOperation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
 * one join or leave at a time; one timer beats and sweeps. {@link #lock} guards the views.
 */
final class NatsDirectory implements MemberDirectory {

    private static final Logger LOG = LoggerFactory.getLogger(NatsDirectory.class);
    /** JetStream's "wrong last sequence": another relay changed the room first. */
    private static final int WRONG_LAST_SEQUENCE = 10071;
    private static final int MAX_ATTEMPTS = 50;
    private static final String BYE = "bye:";

    private final NatsCluster cluster;
    private final RelayRouter router;
    private final String self;
    private final Connection nats;
    private final KeyValue bucket;
    private final Liveness liveness;
    private final Backpressure backpressure;
    private final Dispatcher dispatcher;
    private final ExecutorService membership;
    private final ScheduledExecutorService timer;
    private final Object lock = new Object();
    private final ConcurrentHashMap<String, RoomView> views = new ConcurrentHashMap<>();
    /** This relay's members in rooms, by their serial, and the other way round. */
    private final ConcurrentHashMap<Long, Member> owners = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Member, Long> serials = new ConcurrentHashMap<>();
    /** Relays this one gave up for dead, told so if they ever speak again. */
    private final Set<String> givenUp = ConcurrentHashMap.newKeySet();
    private final AtomicLong nextSerial = new AtomicLong();

    /** The newest state of a room read or written, with its revision (0: the room never existed). */
    private record Snapshot(long revision, RoomState state) {
    }

    /** Another relay changed the room between our read and our write. */
    private static final class Conflict extends Exception {
        Conflict() {
            super(null, null, false, false);
        }
    }

    NatsDirectory(NatsCluster cluster, RelayRouter router) {
        this.cluster = cluster;
        this.router = router;
        this.self = cluster.relayId();
        this.nats = cluster.connection();
        this.bucket = cluster.rooms();
        ClusterSettings settings = cluster.settings();
        this.liveness = new Liveness(self, settings.deadAfter().toNanos());
        this.membership = Executors.newSingleThreadExecutor(daemon("nats-membership"));
        this.timer = Executors.newSingleThreadScheduledExecutor(daemon("nats-heartbeat"));
        this.backpressure = new Backpressure(self, nats, router, timer);
        this.dispatcher = nats.createDispatcher();
        dispatcher.subscribe(Subjects.frames(self), this::frameArrived);
        dispatcher.subscribe(Subjects.control(self), this::controlArrived);
        dispatcher.subscribe(Subjects.HEARTBEAT, this::heartbeatArrived);
        cluster.onReconnect(() -> runMembership(this::resynchronise));
        long beat = settings.heartbeat().toMillis();
        timer.scheduleAtFixedRate(this::beat, 0, beat, TimeUnit.MILLISECONDS);
        timer.scheduleAtFixedRate(this::sweep, beat / 4, beat / 4, TimeUnit.MILLISECONDS);
        // Hear every live relay once before taking joins, so their members count from the first join on.
        sleep(beat + beat / 4);
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

    private void frameArrived(Message message) {
        byte[] frame = message.getData();
        EnvelopeHeader header;
        try {
            header = EnvelopeHeader.parse(frame);
        } catch (MalformedFrameException e) {
            LOG.warn("dropped a malformed frame from another relay: {}", e.getMessage());
            return;
        }
        Member full = router.deliver(header, frame);
        if (full != null) {
            RoomView view = views.get(header.room());
            RoomView.Remote sender = view == null ? null : view.remote.get(header.sender());
            if (sender != null) {
                backpressure.hold(full, sender.relay(), header.room(), header.sender());
            }
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
            case Control.PROBE -> {
                if (message.getReplyTo() != null) {
                    nats.publish(message.getReplyTo(), new byte[0]);
                }
            }
            default -> LOG.warn("unknown control message {} from relay {}", control.op(), control.from());
        }
    }

    private void roomStateArrived(RoomView view, Message message) {
        long revision;
        RoomState state;
        try {
            WireReader reader = new WireReader(message.getData());
            revision = reader.u64("revision");
            state = RoomState.decode(reader);
        } catch (MalformedFrameException e) {
            LOG.warn("dropped a malformed state of room {}: {}", view.room, e.getMessage());
            return;
        }
        synchronized (lock) {
            adopt(view, revision, state);
        }
    }

    private void heartbeatArrived(Message message) {
        String relay = new String(message.getData(), StandardCharsets.US_ASCII);
        if (relay.startsWith(BYE)) {
            gone(relay.substring(BYE.length()));
        } else if (liveness.heard(relay, System.nanoTime())) {
            if (givenUp.remove(relay)) {
                // It was silent long enough for us to remove its members; they must join again.
                nats.publish(Subjects.control(relay), new Control(Control.EVICTED, self, "", "").encode());
            }
            refreshAll();
        }
    }

    // ---- joins and leaves: on the membership thread -------------------------------------------------

    @Override
    public void join(Member member, String name, String room) {
        runMembership(() -> joinNow(member, name, room));
    }

    private void joinNow(Member member, String name, String room) {
        if (member.isClosing()) {
            return;
        }
        RoomView view = use(room);
        RoomState.Entry mine = new RoomState.Entry(name, self, nextSerial.incrementAndGet());
        try {
            for (int attempt = 0; ; attempt++) {
                Snapshot before = snapshot(view, attempt > 0);
                RoomState.Entry holder = holderOf(before.state(), name);
                if (holder != null) {
                    router.refuse(member, "name '" + name + "' is already taken in room '" + room + "'"
                            + (holder.name().equals(name) ? "" : " (as '" + holder.name() + "')")
                            + "; choose another --name");
                    release(view);
                    return;
                }
                RoomState after = before.state().keep(this::counts).with(mine);
                long revision;
                try {
                    revision = write(view, after, before.revision());
                } catch (Conflict conflict) {
                    if (attempt < MAX_ATTEMPTS) {
                        continue;
                    }
                    throw new IOException("the room changed " + MAX_ATTEMPTS + " times in a row");
                }
                admit(view, member, mine, before.state(), revision, after);
                return;
            }
        } catch (IOException | JetStreamApiException e) {
            router.refuse(member, "the relay cluster could not take the join (" + e.getMessage() + "); try again");
            release(view);
        }
    }

    /** Under the lock: the newcomer enters, the others here hear of it, then it gets its WELCOME. */
    private void admit(RoomView view, Member member, RoomState.Entry mine, RoomState before, long revision,
                       RoomState after) {
        synchronized (lock) {
            if (member.isClosing()) { // it left while its join was on its way
                runMembership(() -> remove(view.room, mine, true));
                return;
            }
            owners.put(mine.serial(), member);
            serials.put(member, mine.serial());
            if (revision > view.revision) {
                view.revision = revision;
                view.state = after;
            }
            refresh(view); // PEER_JOINED to the members here; the newcomer has not entered yet
            if (!router.enter(member, mine.name(), view.room)) {
                owners.remove(mine.serial());
                serials.remove(member);
                router.refuse(member, "name '" + mine.name() + "' is already taken in room '" + view.room + "'");
                runMembership(() -> remove(view.room, mine, true));
                return;
            }
            List<RoomState.Entry> earlier = new ArrayList<>();
            List<String> names = new ArrayList<>();
            for (RoomState.Entry entry : before.entries()) {
                if (counts(entry)) {
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
        Long serial = serials.remove(member);
        backpressure.left(member);
        if (serial == null) {
            return; // never admitted (its join, if any, sees it closing)
        }
        String room = member.roomName();
        synchronized (lock) {
            owners.remove(serial);
            router.exit(member);
            RoomView view = views.get(room);
            if (view != null) {
                refresh(view); // the members here hear PEER_LEFT at once, as on a single relay
            }
        }
        RoomState.Entry entry = new RoomState.Entry(member.name(), self, serial);
        runMembership(() -> remove(room, entry, true));
    }

    /** Takes {@code entry} (and any member of a relay that is gone) out of the room's state. */
    private void remove(String room, RoomState.Entry entry, boolean release) {
        RoomView view = views.get(room);
        try {
            rewrite(room, view, state -> state.keep(e -> !e.equals(entry) && counts(e)));
        } catch (IOException | JetStreamApiException e) {
            LOG.warn("could not take {} out of room {} ({}); the others drop it when this relay stops",
                    entry.name(), room, e.getMessage());
        } finally {
            if (release && view != null) {
                release(view);
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
            rewrite(room, view, state -> state.keep(this::counts));
        } catch (IOException | JetStreamApiException e) {
            LOG.debug("could not clean room {} up: {}", room, e.getMessage());
        }
    }

    private interface Change {
        RoomState apply(RoomState state);
    }

    private void rewrite(String room, RoomView view, Change change) throws IOException, JetStreamApiException {
        RoomView target = view != null ? view : new RoomView(room);
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Snapshot before = snapshot(target, attempt > 0 || view == null);
            RoomState after = change.apply(before.state());
            if (after == before.state()) {
                return;
            }
            try {
                long revision = write(target, after, before.revision());
                if (view != null) {
                    synchronized (lock) {
                        adopt(view, revision, after);
                    }
                }
                return;
            } catch (Conflict conflict) {
                // read again and retry
            }
        }
        throw new IOException("the room changed " + MAX_ATTEMPTS + " times in a row");
    }

    /** The room's state from the view, or from the bucket when asked (or when the view has none yet). */
    private Snapshot snapshot(RoomView view, boolean fresh) throws IOException, JetStreamApiException {
        if (!fresh) {
            synchronized (lock) {
                if (view.revision > 0) {
                    return new Snapshot(view.revision, view.state);
                }
            }
        }
        KeyValueEntry entry = bucket.get(view.key);
        long revision = entry == null ? 0 : entry.getRevision();
        RoomState state;
        try {
            state = entry == null || entry.getOperation() != KeyValueOperation.PUT ? RoomState.EMPTY
                    : RoomState.decode(entry.getValue());
        } catch (MalformedFrameException e) {
            throw new IOException("room " + view.room + " holds a malformed state: " + e.getMessage());
        }
        synchronized (lock) {
            if (views.get(view.room) == view) {
                adopt(view, revision, state);
            }
        }
        return new Snapshot(revision, state);
    }

    /** Compare-and-set of the room's key, then the new state to every relay with members there. */
    private long write(RoomView view, RoomState state, long expected)
            throws IOException, JetStreamApiException, Conflict {
        byte[] value = state.encode();
        long revision;
        try {
            revision = expected == 0 ? bucket.create(view.key, value) : bucket.update(view.key, value, expected);
        } catch (JetStreamApiException e) {
            if (e.getApiErrorCode() == WRONG_LAST_SEQUENCE) {
                throw new Conflict();
            }
            throw e;
        }
        nats.publish(Subjects.room(view.room), new WireWriter(8 + value.length).u64(revision).raw(value)
                .toByteArray());
        return revision;
    }

    /** The member of the room who holds {@code name} (or a look-alike of it), if it is still there. */
    private RoomState.Entry holderOf(RoomState state, String name) {
        for (RoomState.Entry entry : state.entries()) {
            if (entry.name().equalsIgnoreCase(name) && counts(entry)) {
                if (entry.relay().equals(self) || !probedGone(entry.relay())) {
                    return entry;
                }
            }
        }
        return null;
    }

    /**
     * Asks a relay whether it is still there. A killed relay's subscriptions vanish with its connection, so
     * NATS answers "no responders" at once: a client moving off a dead relay gets its name back without
     * waiting for the heartbeats to fall silent.
     */
    private boolean probedGone(String relay) {
        try {
            nats.request(Subjects.control(relay), new Control(Control.PROBE, self, "", "").encode())
                    .get(500, TimeUnit.MILLISECONDS);
            return false;
        } catch (ExecutionException | CancellationException e) {
            gone(relay);
            return true;
        } catch (TimeoutException e) {
            return false; // busy, perhaps: the heartbeats decide
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    // ---- views: under the lock ----------------------------------------------------------------------

    /** Whether an entry is a member now: on a live relay, or here and admitted. */
    private boolean counts(RoomState.Entry entry) {
        return entry.relay().equals(self) ? owners.containsKey(entry.serial()) : liveness.isAlive(entry.relay());
    }

    private void adopt(RoomView view, long revision, RoomState state) {
        if (revision > view.revision) {
            view.revision = revision;
            view.state = state;
            refresh(view);
        }
    }

    /** Tells this relay's members of the room what changed since they were last told. */
    private void refresh(RoomView view) {
        List<RoomState.Entry> now = new ArrayList<>(view.state.entries().size());
        Map<String, RoomView.Remote> remote = new HashMap<>();
        for (RoomState.Entry entry : view.state.entries()) {
            if (counts(entry)) {
                now.add(entry);
                if (!entry.relay().equals(self)) {
                    remote.put(entry.name(), new RoomView.Remote(entry.relay(), Subjects.frames(entry.relay())));
                }
            }
        }
        Set<RoomState.Entry> before = new HashSet<>(view.told);
        Set<RoomState.Entry> after = new HashSet<>(now);
        List<Member> here = router.localMembers(view.room);
        for (RoomState.Entry entry : view.told) {
            if (!after.contains(entry)) {
                tellOthers(here, entry, FrameType.PEER_LEFT);
            }
        }
        for (RoomState.Entry entry : now) {
            if (!before.contains(entry)) {
                tellOthers(here, entry, FrameType.PEER_JOINED);
            }
        }
        view.told = now;
        view.remote = remote;
        for (Member member : here) {
            Long serial = serials.get(member);
            if (serial != null && !view.state.contains(new RoomState.Entry(member.name(), self, serial))) {
                router.drop(member, "the relay cluster lost this relay for a while and others took you out of"
                        + " the room; reconnecting");
            }
        }
    }

    private void tellOthers(List<Member> here, RoomState.Entry entry, FrameType type) {
        for (Member member : here) {
            Long serial = serials.get(member);
            if (!(entry.relay().equals(self) && serial != null && serial == entry.serial())) {
                router.tell(member, type, entry.name());
            }
        }
    }

    private void refreshAll() {
        synchronized (lock) {
            views.values().forEach(this::refresh);
        }
    }

    /** The view of a room, made (and its subject subscribed) before any write, so no state is missed. */
    private RoomView use(String room) {
        RoomView view;
        boolean made = false;
        synchronized (lock) {
            view = views.get(room);
            if (view == null) {
                view = new RoomView(room);
                RoomView subscribed = view;
                view.subscription = dispatcher.subscribe(Subjects.room(room), m -> roomStateArrived(subscribed, m));
                views.put(room, view);
                made = true;
            }
            view.users++;
        }
        if (made) {
            try {
                nats.flush(Duration.ofSeconds(2)); // the server has our interest before anyone can see our write
            } catch (TimeoutException | InterruptedException e) {
                LOG.debug("flush after subscribing to room {} did not finish: {}", room, e.getMessage());
            }
        }
        return view;
    }

    private void release(RoomView view) {
        synchronized (lock) {
            if (--view.users == 0 && views.remove(view.room, view)) {
                dispatcher.unsubscribe(view.subscription);
            }
        }
    }

    // ---- liveness: on the timer and dispatcher threads ----------------------------------------------

    private void beat() {
        try {
            nats.publish(Subjects.HEARTBEAT, self.getBytes(StandardCharsets.US_ASCII));
        } catch (IllegalStateException e) {
            LOG.debug("heartbeat not sent: {}", e.getMessage());
        }
    }

    private void sweep() {
        for (String relay : liveness.sweep(System.nanoTime())) {
            LOG.info("relay {} fell silent; its members leave their rooms", relay);
            forget(relay);
        }
    }

    private void gone(String relay) {
        if (liveness.gone(relay)) {
            forget(relay);
        }
    }

    private void forget(String relay) {
        givenUp.add(relay);
        backpressure.relayGone(relay);
        List<String> rooms = new ArrayList<>();
        synchronized (lock) {
            for (RoomView view : views.values()) {
                if (view.remote.values().stream().anyMatch(remote -> remote.relay().equals(relay))) {
                    refresh(view); // PEER_LEFT for its members
                    rooms.add(view.room);
                }
            }
        }
        for (String room : rooms) {
            runMembership(() -> cleanUp(room));
        }
    }

    /** The others gave this relay up while it was cut off: its members reconnect and join afresh. */
    private void evicted(String by) {
        LOG.warn("relay {} says the cluster gave this relay up; reconnecting its members", by);
        synchronized (lock) {
            for (RoomView view : views.values()) {
                for (Member member : router.localMembers(view.room)) {
                    router.drop(member, "the relay cluster lost this relay for a while; reconnecting");
                }
            }
        }
    }

    /** Back on NATS after a break: read every room again (states published meanwhile were missed). */
    private void resynchronise() {
        for (RoomView view : views.values()) {
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
        try {
            nats.publish(Subjects.HEARTBEAT, (BYE + self).getBytes(StandardCharsets.US_ASCII));
            nats.flush(Duration.ofSeconds(1));
        } catch (IllegalStateException | TimeoutException | InterruptedException e) {
            LOG.debug("goodbye not sent: {}", e.getMessage());
        }
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
