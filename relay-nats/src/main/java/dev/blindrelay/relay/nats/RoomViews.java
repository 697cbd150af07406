package dev.blindrelay.relay.nats;

import dev.blindrelay.relay.LocalRooms;
import dev.blindrelay.relay.Member;
import dev.blindrelay.wire.FrameType;
import dev.blindrelay.wire.MalformedFrameException;
import dev.blindrelay.wire.WireReader;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;

/**
 * This relay's views of the rooms it has members in, and what its members were told of them. When a room's
 * state changes (a newer revision, a relay gone, a member here admitted or gone) the members here get
 * PEER_JOINED and PEER_LEFT for the difference. Every change happens under {@link #lock}.
 */
final class RoomViews {

    private static final Logger LOG = LoggerFactory.getLogger(RoomViews.class);

    final Object lock = new Object();
    private final String self;
    private final Liveness liveness;
    private final LocalRooms local;
    private final Connection nats;
    private final Dispatcher dispatcher;
    private final ConcurrentHashMap<String, RoomView> views = new ConcurrentHashMap<>();
    /** This relay's members in rooms, by their serial, and the other way round. */
    private final ConcurrentHashMap<Long, Member> owners = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Member, Long> serials = new ConcurrentHashMap<>();

    RoomViews(String self, Liveness liveness, LocalRooms local, Connection nats, Dispatcher dispatcher) {
        this.self = self;
        this.liveness = liveness;
        this.local = local;
        this.nats = nats;
        this.dispatcher = dispatcher;
    }

    RoomView get(String room) {
        return room == null ? null : views.get(room);
    }

    Iterable<RoomView> all() {
        return views.values();
    }

    /** Whether an entry is a member now: on a live relay, or here and admitted. */
    boolean counts(RoomState.Entry entry) {
        return entry.relay().equals(self) ? owners.containsKey(entry.serial()) : liveness.isAlive(entry.relay());
    }

    /** Under the lock: a member here is in the room from now on with {@code serial}. */
    void own(Member member, long serial) {
        owners.put(serial, member);
        serials.put(member, serial);
    }

    /** A member here is no longer in a room; its serial, or null if it never was. */
    Long disown(Member member) {
        Long serial = serials.remove(member);
        if (serial != null) {
            owners.remove(serial);
        }
        return serial;
    }

    /** Under the lock: takes a state if it is newer than the one the view has. */
    void adopt(RoomView view, long revision, RoomState state) {
        if (revision > view.revision) {
            view.revision = revision;
            view.state = state;
            refresh(view);
        }
    }

    /** Tells this relay's members of the room what changed since they were last told. Under the lock. */
    void refresh(RoomView view) {
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
        List<Member> here = local.members(view.room);
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
                local.drop(member, "the relay cluster lost this relay for a while and others took you out of"
                        + " the room; reconnecting");
            }
        }
    }

    private void tellOthers(List<Member> here, RoomState.Entry entry, FrameType type) {
        for (Member member : here) {
            Long serial = serials.get(member);
            if (!(entry.relay().equals(self) && serial != null && serial == entry.serial())) {
                local.tell(member, type, entry.name());
            }
        }
    }

    void refreshAll() {
        synchronized (lock) {
            views.values().forEach(this::refresh);
        }
    }

    /** The view of a room, made (and its subject subscribed) before any write, so no state is missed. */
    RoomView use(String room) {
        RoomView view;
        boolean made = false;
        synchronized (lock) {
            view = views.get(room);
            if (view == null) {
                view = new RoomView(room);
                RoomView subscribed = view;
                view.subscription = dispatcher.subscribe(Subjects.room(room), m -> stateArrived(subscribed, m));
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

    void release(RoomView view) {
        synchronized (lock) {
            if (--view.users == 0 && views.remove(view.room, view)) {
                dispatcher.unsubscribe(view.subscription);
            }
        }
    }

    /** On the dispatcher thread: a room's new state from the relay that wrote it. */
    private void stateArrived(RoomView view, Message message) {
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

    /** Under the lock: whether {@code view} is still the live view of its room. */
    boolean isCurrent(RoomView view) {
        return views.get(view.room) == view;
    }
}
