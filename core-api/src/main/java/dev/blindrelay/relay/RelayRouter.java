package dev.blindrelay.relay;

import dev.blindrelay.spi.RelayHandler;
import dev.blindrelay.spi.RelayLink;
import dev.blindrelay.wire.EnvelopeHeader;
import dev.blindrelay.wire.FrameType;
import dev.blindrelay.wire.MalformedFrameException;
import dev.blindrelay.wire.Names;
import dev.blindrelay.wire.RelayMessages;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The relay's routing, once, for every transport. It reads only the routing header of a frame,
 * and forwards peer-to-peer frames unchanged to their recipient in the sender's room. It holds no
 * keys and never looks inside a body.
 *
 * <p>Each bad input costs only the connection that sent it: a malformed frame, a spoofed sender,
 * a flood or a stalled join closes that one link with a one-line reason.
 *
 * <p>{@link LocalRooms} keeps who is in which room here, and the {@link MemberDirectory} changes it on
 * joins and leaves; {@link FlowControl} pauses a sender while its target's outbound queue is full.
 */
public final class RelayRouter implements RelayHandler, AutoCloseable {

    private final RelayLimits limits;
    private final RelayObserver observer;
    private final ConcurrentHashMap<RelayLink, Member> members = new ConcurrentHashMap<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final ScheduledExecutorService timer;
    private final FlowControl flow;
    private final LocalRooms rooms;
    private final MemberDirectory directory;
    /** Observers see every forwarded frame parsed, so with one every frame goes the full way. */
    private final boolean observed;

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
        this.flow = new FlowControl(limits, observer, timer);
        this.rooms = new LocalRooms(observer, flow);
        this.directory = directory.create(rooms);
    }

    @Override
    public void connected(RelayLink link) {
        Member member = new Member(link, limits.framesPerSecond() > 0
                ? new RateLimiter(limits.framesPerSecond(), limits.frameBurst(), System.nanoTime()) : null);
        members.put(link, member);
        if (connections.incrementAndGet() > limits.maxConnections()) {
            rooms.refuse(member, "relay is full (" + limits.maxConnections() + " connections); try again later");
            return;
        }
        timer.schedule(() -> {
            if (!member.joined() && !member.closing) {
                rooms.refuse(member, "no JOIN within " + limits.joinTimeout().toMillis() / 1000.0 + " s; closing");
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
            rooms.refuse(member, "rate limit exceeded (" + limits.framesPerSecond() + " frames/s); slow down");
            return;
        }
        Member target = observed ? null : member.route.targetOf(member, frame);
        if (target != null) {
            if (array != null) {
                target.link.send(array); // the very array, unchanged
            } else {
                target.link.send(frame); // copied into the target's outbound buffer
            }
            pauseIfFull(member, target);
            return;
        }
        route(member, array != null ? array : copyOf(frame));
        if (!member.closing && !member.link.isWritable()) {
            // It does not read what it is sent (a PONG or an error per frame, say): read no more from it
            // until it does, or its replies would pile up in the relay's memory without bound. Only the full
            // way answers the sender; the short way sends it nothing.
            flow.pause(member, member);
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
            rooms.refuse(member, "malformed frame: " + e.getMessage());
            return;
        }
        FrameType type = header.type();
        if (type == FrameType.JOIN) {
            join(member, header, frame);
        } else if (!member.joined()) {
            rooms.refuse(member, "send JOIN before any other frame");
        } else if (type.isPeerToPeer()) {
            forward(member, header, frame);
        } else if (type == FrameType.PING || type == FrameType.PONG) {
            keepAlive(member, header, frame);
        } else {
            rooms.refuse(member, "clients may not send " + type + " frames");
        }
    }

    private void forward(Member source, EnvelopeHeader header, byte[] frame) {
        Room room = source.room;
        if (!header.sender().equals(source.name) || !header.room().equals(room.name())) {
            rooms.refuse(source, "frame claims sender '" + header.sender() + "' in room '" + header.room()
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
            rooms.send(source, FrameType.ERROR, RelayMessages.error(false, "no member '" + recipient
                    + "' in room '" + room.name() + "' (they may have left)"));
            return;
        }
        source.route.remember(source, room, recipient, target, roomVersion);
        target.link.send(frame);
        observer.forwarded(header, frame);
        pauseIfFull(source, target);
    }

    private void pauseIfFull(Member source, Member target) {
        if (!target.link.isWritable()) {
            flow.pause(source, target);
        }
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
            rooms.refuse(member, "a " + header.type() + " comes from '" + member.name + "' in room '"
                    + member.room.name() + "' to the relay (empty recipient), with an empty body");
        } else if (header.type() == FrameType.PING) {
            rooms.send(member, FrameType.PONG, new byte[0]);
        }
    }

    private void join(Member member, EnvelopeHeader header, byte[] frame) {
        if (member.joinRequested) {
            rooms.refuse(member, member.joined() ? "already joined room '" + member.room.name() + "' as '"
                    + member.name + "'" : "already asked to join; wait for WELCOME");
            return;
        }
        if (!header.recipient().isEmpty() || header.bodyLength(frame) != 0) {
            rooms.refuse(member, "a JOIN has an empty recipient and an empty body");
            return;
        }
        String problem = Names.problem("name", header.sender());
        if (problem == null) {
            problem = Names.problem("room", header.room());
        }
        if (problem != null) {
            rooms.refuse(member, problem);
            return;
        }
        member.joinRequested = true;
        directory.join(member, header.sender(), header.room());
    }

    /**
     * The relay is about to close every connection: from now on no member hears of another's departure. The
     * connections close one at a time, so a PEER_LEFT could otherwise reach a member before its own close,
     * and it would take the other for gone (and drop what it holds for them) instead of waiting for both to
     * reconnect.
     */
    public void stopping() {
        rooms.stopping();
    }

    @Override
    public void malformed(RelayLink link, String reason) {
        Member member = members.get(link);
        if (member != null && !member.closing) {
            rooms.refuse(member, "malformed frame: " + reason);
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
            rooms.send(member, FrameType.NOTICE, RelayMessages.text(text));
        }
    }

    /** Connections open now (joined or not). */
    public int connectionCount() {
        return connections.get();
    }

    /** Member names of a room, for tests and the relay's own status. */
    public List<String> membersOf(String roomName) {
        return rooms.names(roomName);
    }

    @Override
    public void close() {
        directory.close();
        timer.shutdownNow();
    }
}
