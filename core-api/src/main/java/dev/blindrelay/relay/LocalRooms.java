package dev.blindrelay.relay;

import dev.blindrelay.wire.Envelope;
import dev.blindrelay.wire.EnvelopeHeader;
import dev.blindrelay.wire.FrameType;
import dev.blindrelay.wire.NameKeys;
import dev.blindrelay.wire.RelayMessages;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The rooms on this relay and their members, as a {@link MemberDirectory} changes them: a member enters and
 * exits, hears who else joins and leaves, gets frames from other relays, or is sent away with a reason. The
 * router forwards between the members here by itself; it comes here for joins, leaves and refusals.
 */
public final class LocalRooms {

    private static final Logger LOG = LoggerFactory.getLogger(LocalRooms.class);

    private final ConcurrentHashMap<String, Room> rooms = new ConcurrentHashMap<>();
    private final RelayObserver observer;
    private final FlowControl flow;
    /** Set by {@link RelayRouter#stopping()}: every connection is about to close, so nobody hears that others left. */
    private volatile boolean stopping;

    LocalRooms(RelayObserver observer, FlowControl flow) {
        this.observer = observer;
        this.flow = flow;
    }

    /**
     * Puts a joining member into its room on this relay, unless its name, or one that looks the same, is
     * taken here. {@code nameKeys} are {@link NameKeys#of} the name, made outside any lock.
     *
     * @return null when it entered, otherwise why not (for {@link #refuse})
     */
    public String enter(Member member, String name, String roomName, List<String> nameKeys) {
        Room room = rooms.computeIfAbsent(roomName, Room::new);
        member.name = name;
        member.nameBytes = name.getBytes(StandardCharsets.UTF_8);
        Member holder = room.add(member, nameKeys);
        if (holder != null) {
            member.name = null;
            if (room.isEmpty()) {
                rooms.remove(roomName, room);
            }
            return takenReason(name, holder.name, roomName);
        }
        member.room = room;
        return null;
    }

    /** Sends a member that {@link #enter entered} its WELCOME, with the others in the room. */
    public void welcome(Member member, List<String> others) {
        send(member, FrameType.WELCOME, RelayMessages.members(others));
        observer.joined(member.roomName(), member.name, member.link.describe());
        LOG.debug("{} joined", member);
    }

    /**
     * Takes a closed member out of its room on this relay ({@code nameKeys}: of its name).
     *
     * @return false when it was not in one
     */
    public boolean exit(Member member, List<String> nameKeys) {
        Room room = member.room;
        if (room == null || !room.remove(member, nameKeys)) {
            return false;
        }
        if (room.isEmpty()) {
            rooms.remove(room.name(), room);
        }
        observer.left(room.name(), member.name, member.link.describe());
        return true;
    }

    /** A PEER_JOINED or PEER_LEFT about {@code name}. */
    public void tell(Member member, FrameType type, String name) {
        if (!stopping) {
            send(member, type, RelayMessages.name(name));
        }
    }

    /** See {@link RelayRouter#stopping()}. */
    void stopping() {
        stopping = true;
    }

    /** The members of a room on this relay. */
    public List<Member> members(String roomName) {
        Room room = rooms.get(roomName);
        return room == null ? List.of() : room.members();
    }

    /** A member of a room on this relay, or null. */
    public Member member(String roomName, String name) {
        Room room = rooms.get(roomName);
        return room == null ? null : room.get(name);
    }

    /** The names of a room's members on this relay. */
    List<String> names(String roomName) {
        List<String> names = new ArrayList<>();
        members(roomName).forEach(m -> names.add(m.name));
        return names;
    }

    /**
     * A peer-to-peer frame from another relay for a member here, forwarded unchanged with the same limits as
     * a local one. The other relay's sender cannot be paused from here, so a full queue is reported to the
     * caller, which holds the sender back through its own relay.
     *
     * @return the recipient, or null when it is not here (it left while the frame was on its way, as on a
     *         single relay); {@link #isFull} says whether its queue is now above the high-water mark
     */
    public Member deliver(EnvelopeHeader header, byte[] frame) {
        Member target = member(header.room(), header.recipient());
        if (target == null || target.closing) {
            return null;
        }
        target.link.sendBatched(frame);
        observer.forwarded(header, frame);
        return target;
    }

    /**
     * After a delivery: true when {@code target}'s queue is above the high-water mark, so the senders that
     * write to it must pause. One past the hard limit is cut off; one that stops reading is watched.
     */
    public boolean isFull(Member target) {
        return flow.isFull(target);
    }

    /** Tells a client why with a NOTICE and closes its connection; it may come back. */
    public void drop(Member member, String notice) {
        if (member.closing) {
            return;
        }
        member.closing = true;
        observer.refused(member.link.describe(), notice);
        send(member, FrameType.NOTICE, RelayMessages.text(notice));
        member.link.close();
    }

    /** Tells the client why, then closes only its connection. */
    public void refuse(Member member, String reason) {
        if (member.closing) {
            return;
        }
        member.closing = true;
        observer.refused(member.link.describe(), reason);
        LOG.debug("closing {}: {}", member, reason);
        send(member, FrameType.ERROR, RelayMessages.error(true, reason));
        member.link.close();
    }

    /** A frame from the relay itself to {@code member}. */
    void send(Member member, FrameType type, byte[] body) {
        Room room = member.room;
        String name = member.name;
        member.link.send(Envelope.fromRelay(type, name == null ? "" : name, room == null ? "" : room.name(), body)
                .encode());
    }

    /** Why a JOIN is refused when its name, or one that looks the same ({@link NameKeys}), is in the room. */
    public static String takenReason(String name, String holder, String room) {
        return name.equals(holder)
                ? "name '" + name + "' is already taken in room '" + room + "'; choose another --name"
                : "name '" + name + "' looks the same as '" + holder + "', who is already in room '" + room
                  + "' (names that differ only in case or in look-alike letters are one name); choose another --name";
    }
}
