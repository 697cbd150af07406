package dev.blindrelay.relay;

import dev.blindrelay.spi.RelayHandler;
import dev.blindrelay.spi.RelayLink;
import dev.blindrelay.wire.Envelope;
import dev.blindrelay.wire.EnvelopeHeader;
import dev.blindrelay.wire.FrameType;
import dev.blindrelay.wire.MalformedFrameException;
import dev.blindrelay.wire.NameKeys;
import dev.blindrelay.wire.Names;
import dev.blindrelay.wire.RelayMessages;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The relay's routing, once, for every transport. It reads only the routing header of a frame,
 * keeps who is in which room, and forwards peer-to-peer frames unchanged to their recipient in the
 * sender's room. It holds no keys and never looks inside a body.
 *
 * <p>Each bad input costs only the connection that sent it: a malformed frame, a spoofed sender,
 * a flood or a stalled join closes that one link with a one-line reason.
 */
public final class RelayRouter implements RelayHandler, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RelayRouter.class);

    private final RelayLimits limits;
    private final RelayObserver observer;
    private final ConcurrentHashMap<RelayLink, Member> members = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Room> rooms = new ConcurrentHashMap<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final ScheduledExecutorService timer;
    private final MemberDirectory directory;
    /** Observers see every forwarded frame parsed, so with one every frame goes the full way. */
    private final boolean observed;
    /** Set by {@link #stopping()}: every connection is about to close, so nobody is told that others left. */
    private volatile boolean stopping;

    public RelayRouter(RelayLimits limits, RelayObserver observer) {
        this(limits, observer, MemberDirectory.LOCAL);
    }

    public RelayRouter(RelayLimits limits, RelayObserver observer, MemberDirectory.Factory directory) {
        this.limits = limits;
        this.observer = observer;
        this.observed = observer != RelayObserver.NONE;
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "relay-timer");
            thread.setDaemon(true);
            return thread;
        });
        this.directory = directory.create(this);
    }

    @Override
    public void connected(RelayLink link) {
        Member member = new Member(link, limits.framesPerSecond() > 0
                ? new RateLimiter(limits.framesPerSecond(), limits.frameBurst(), System.nanoTime()) : null);
        members.put(link, member);
        if (connections.incrementAndGet() > limits.maxConnections()) {
            refuse(member, "relay is full (" + limits.maxConnections() + " connections); try again later");
            return;
        }
        timer.schedule(() -> {
            if (!member.joined() && !member.closing) {
                refuse(member, "no JOIN within " + limits.joinTimeout().toMillis() / 1000.0 + " s; closing");
            }
        }, limits.joinTimeout().toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void frameReceived(RelayLink link, byte[] frame) {
        received(link, ByteBuffer.wrap(frame), frame);
    }

    @Override
    public void frameReceived(RelayLink link, ByteBuffer frame) {
        received(link, frame, null);
    }

    /** @param array the frame's own array, or null when {@code frame} is a transient view */
    private void received(RelayLink link, ByteBuffer frame, byte[] array) {
        Member member = members.get(link);
        if (member == null || member.closing) {
            return;
        }
        if (member.rateLimiter != null && !member.rateLimiter.tryAcquire(System.nanoTime())) {
            refuse(member, "rate limit exceeded (" + limits.framesPerSecond() + " frames/s); slow down");
            return;
        }
        Member target = observed ? null : member.route.targetOf(member, frame);
        if (target == null) {
            route(member, array != null ? array : copyOf(frame));
        } else {
            if (array != null) {
                target.link.send(array); // the very array, unchanged
            } else {
                target.link.send(frame); // copied into the target's outbound buffer
            }
            pauseIfFull(member, target);
        }
        if (!member.closing && !member.link.isWritable()) {
            // It does not read what it is sent (a PONG or an error per frame, say): read no more from it
            // until it does, or its replies would pile up in the relay's memory without bound.
            applyBackpressure(member, member);
        }
    }

    private static byte[] copyOf(ByteBuffer frame) {
        byte[] copy = new byte[frame.remaining()];
        frame.get(frame.position(), copy);
        return copy;
    }

    /** The full way: every field of the header decoded and checked. */
    private void route(Member member, byte[] frame) {
        EnvelopeHeader header;
        try {
            header = EnvelopeHeader.parse(frame);
        } catch (MalformedFrameException e) {
            refuse(member, "malformed frame: " + e.getMessage());
            return;
        }
        FrameType type = header.type();
        if (type == FrameType.JOIN) {
            join(member, header, frame);
        } else if (!member.joined()) {
            refuse(member, "send JOIN before any other frame");
        } else if (type.isPeerToPeer()) {
            forward(member, header, frame);
        } else if (type == FrameType.PING || type == FrameType.PONG) {
            keepAlive(member, header, frame);
        } else {
            refuse(member, "clients may not send " + type + " frames");
        }
    }

    private void forward(Member source, EnvelopeHeader header, byte[] frame) {
        Room room = source.room;
        if (!header.sender().equals(source.name) || !header.room().equals(room.name())) {
            refuse(source, "frame claims sender '" + header.sender() + "' in room '" + header.room()
                    + "' but this connection is '" + source.name + "' in '" + room.name() + "'");
            return;
        }
        String recipient = header.recipient();
        int roomVersion = room.version(); // before the look-up, so that a change in between is noticed
        Member target = recipient.isEmpty() ? null : room.get(recipient);
        if (target == null && !recipient.isEmpty() && directory.forward(source, recipient, frame)) {
            observer.forwarded(header, frame); // to a member on another relay
            return;
        }
        if (target == null || target.closing || target == source) {
            send(source, FrameType.ERROR, RelayMessages.error(false, "no member '" + recipient
                    + "' in room '" + room.name() + "' (they may have left)"));
            return;
        }
        source.route.remember(recipient.getBytes(StandardCharsets.UTF_8), target, roomVersion);
        target.link.send(frame);
        observer.forwarded(header, frame);
        pauseIfFull(source, target);
    }

    private void pauseIfFull(Member source, Member target) {
        if (!target.link.isWritable()) {
            applyBackpressure(source, target);
        }
    }

    /**
     * The target's queue is above its high-water mark: stop reading from the sender until it drains,
     * so a fast sender cannot fill the relay's memory. A target whose queue still grows past the hard
     * limit, or that reads nothing for the stall timeout, is disconnected instead, so that the senders
     * it holds up go on.
     */
    private void applyBackpressure(Member source, Member target) {
        if (target.link.queuedBytes() > limits.maxQueuedBytes()) {
            cutOff(target, "too slow: more than " + limits.maxQueuedBytes() + " bytes queued; disconnected");
            return;
        }
        target.pausedSenders.add(source);
        source.link.setReading(false);
        if (target.link.isWritable() && target.pausedSenders.remove(source)) {
            source.link.setReading(true); // it drained between the check and the pause
        } else {
            watchForStall(target);
        }
    }

    /**
     * Without this, a client that stopped reading held its senders paused for ever: its queue stays at
     * the high-water mark (the pause keeps it from growing towards the hard limit), so nothing else
     * would ever disconnect it.
     */
    private void watchForStall(Member target) {
        if (target.stallWatched.compareAndSet(false, true)) {
            scheduleStallCheck(target, target.drains, target.link.queuedBytes());
        }
    }

    private void scheduleStallCheck(Member target, long drainsBefore, long queuedBefore) {
        timer.schedule(() -> checkStall(target, drainsBefore, queuedBefore), limits.stallTimeout().toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** On the timer: cuts the target off when its full queue has not moved since the last check. */
    private void checkStall(Member target, long drainsBefore, long queuedBefore) {
        if (target.closing) {
            return;
        }
        if (target.link.isWritable()) {
            target.stallWatched.set(false);
            if (!target.link.isWritable() && !target.pausedSenders.isEmpty()) {
                watchForStall(target); // it filled up again between the two checks
            }
            return;
        }
        long queued = target.link.queuedBytes();
        if (target.drains != drainsBefore || queued < queuedBefore) {
            scheduleStallCheck(target, target.drains, queued); // slow, but reading
            return;
        }
        cutOff(target, "too slow: read nothing for " + limits.stallTimeout().toMillis() / 1000.0 + " s with "
                + queued + " bytes queued; disconnected");
    }

    /** Drops what is queued for a client that does not read (a reason could not reach it) and closes it. */
    private void cutOff(Member target, String reason) {
        target.closing = true;
        observer.refused(target.link.describe(), reason);
        LOG.debug("cutting off {}: {}", target, reason);
        target.link.abort();
    }

    @Override
    public void writabilityChanged(RelayLink link) {
        Member member = members.get(link);
        if (member != null && link.isWritable()) {
            member.drains++; // only this link's own thread writes it
            resumeSenders(member);
            directory.drained(member);
        }
    }

    private void resumeSenders(Member member) {
        for (Member sender : member.pausedSenders) {
            if (member.pausedSenders.remove(sender) && !sender.closing && directory.mayResume(sender)) {
                sender.link.setReading(true);
            }
        }
    }

    /** A PING is answered at once; a PONG is taken note of. Both come from the member, to the relay, empty. */
    private void keepAlive(Member member, EnvelopeHeader header, byte[] frame) {
        if (!header.sender().equals(member.name) || !header.room().equals(member.room.name())
                || !header.recipient().isEmpty() || header.bodyLength(frame) != 0) {
            refuse(member, "a " + header.type() + " comes from '" + member.name + "' in room '" + member.room.name()
                    + "' to the relay (empty recipient), with an empty body");
        } else if (header.type() == FrameType.PING) {
            send(member, FrameType.PONG, new byte[0]);
        }
    }

    private void join(Member member, EnvelopeHeader header, byte[] frame) {
        if (member.joinRequested) {
            refuse(member, member.joined() ? "already joined room '" + member.room.name() + "' as '" + member.name
                    + "'" : "already asked to join; wait for WELCOME");
            return;
        }
        if (!header.recipient().isEmpty() || header.bodyLength(frame) != 0) {
            refuse(member, "a JOIN has an empty recipient and an empty body");
            return;
        }
        String problem = Names.problem("name", header.sender());
        if (problem == null) {
            problem = Names.problem("room", header.room());
        }
        if (problem != null) {
            refuse(member, problem);
            return;
        }
        member.joinRequested = true;
        directory.join(member, header.sender(), header.room());
    }

    /**
     * For directories: puts a joining member into its room on this relay, unless its name, or one that looks
     * the same, is taken here. {@code nameKeys} are {@link NameKeys#of} the name, made outside any lock.
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

    /** For directories: sends a member that {@link #enter entered} its WELCOME, with the others in the room. */
    public void welcome(Member member, List<String> others) {
        send(member, FrameType.WELCOME, RelayMessages.members(others));
        observer.joined(member.roomName(), member.name, member.link.describe());
        LOG.debug("{} joined", member);
    }

    /**
     * For directories: takes a closed member out of its room on this relay ({@code nameKeys}: of its name).
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

    /** For directories: a PEER_JOINED or PEER_LEFT about {@code name}. */
    public void tell(Member member, FrameType type, String name) {
        if (!stopping) {
            send(member, type, RelayMessages.name(name));
        }
    }

    /**
     * The relay is about to close every connection: from now on no member hears of another's departure. The
     * connections close one at a time, so a PEER_LEFT could otherwise reach a member before its own close,
     * and it would take the other for gone (and drop what it holds for them) instead of waiting for both to
     * reconnect.
     */
    public void stopping() {
        stopping = true;
    }

    /** For directories: the members of a room on this relay. */
    public List<Member> localMembers(String roomName) {
        Room room = rooms.get(roomName);
        return room == null ? List.of() : room.members();
    }

    /** For directories: a member of a room on this relay, or null. */
    public Member localMember(String roomName, String name) {
        Room room = rooms.get(roomName);
        return room == null ? null : room.get(name);
    }

    /**
     * For directories: a peer-to-peer frame from another relay for a member here, forwarded unchanged
     * with the same limits as a local one. The other relay's sender cannot be paused from here, so a
     * full queue is reported to the caller, which holds the sender back through its own relay.
     *
     * @return the recipient, or null when it is not here (it left while the frame was on its way, as on a
     *         single relay); {@link #isFull} says whether its queue is now above the high-water mark
     */
    public Member deliver(EnvelopeHeader header, byte[] frame) {
        Member target = localMember(header.room(), header.recipient());
        if (target == null || target.closing) {
            return null;
        }
        target.link.sendBatched(frame);
        observer.forwarded(header, frame);
        return target;
    }

    /**
     * For directories, after a delivery: true when {@code target}'s queue is above the high-water mark, so the
     * senders that write to it must pause. One past the hard limit is cut off; one that stops reading is watched.
     */
    public boolean isFull(Member target) {
        if (target.closing || target.link.isWritable()) {
            return false;
        }
        if (target.link.queuedBytes() > limits.maxQueuedBytes()) {
            cutOff(target, "too slow: more than " + limits.maxQueuedBytes() + " bytes queued; disconnected");
            return false;
        }
        watchForStall(target);
        return true;
    }

    @Override
    public void malformed(RelayLink link, String reason) {
        Member member = members.get(link);
        if (member != null && !member.closing) {
            refuse(member, "malformed frame: " + reason);
        }
    }

    @Override
    public void disconnected(RelayLink link) {
        Member member = members.remove(link);
        if (member == null) {
            return;
        }
        member.closing = true;
        connections.decrementAndGet();
        directory.leave(member);
        resumeSenders(member);
    }

    /** Sends a notice to every connection, e.g. before a shutdown. */
    public void broadcastNotice(String text) {
        for (Member member : members.values()) {
            send(member, FrameType.NOTICE, RelayMessages.text(text));
        }
    }

    /** Connections open now (joined or not). */
    public int connectionCount() {
        return connections.get();
    }

    /** Why a JOIN is refused when its name, or one that looks the same ({@link NameKeys}), is in the room. */
    public static String takenReason(String name, String holder, String room) {
        return name.equals(holder)
                ? "name '" + name + "' is already taken in room '" + room + "'; choose another --name"
                : "name '" + name + "' looks the same as '" + holder + "', who is already in room '" + room
                  + "' (names that differ only in case or in look-alike letters are one name); choose another --name";
    }

    /** Member names of a room, for tests and the relay's own status. */
    public List<String> membersOf(String roomName) {
        Room room = rooms.get(roomName);
        List<String> names = new ArrayList<>();
        if (room != null) {
            room.members().forEach(m -> names.add(m.name));
        }
        return names;
    }

    private void send(Member member, FrameType type, byte[] body) {
        Room room = member.room;
        String name = member.name;
        member.link.send(Envelope.fromRelay(type, name == null ? "" : name, room == null ? "" : room.name(), body)
                .encode());
    }

    /** For directories: tells a client why with a NOTICE and closes its connection; it may come back. */
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

    @Override
    public void close() {
        directory.close();
        timer.shutdownNow();
    }
}
