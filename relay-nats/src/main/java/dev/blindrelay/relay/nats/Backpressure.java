package dev.blindrelay.relay.nats;

import dev.blindrelay.relay.LocalRooms;
import dev.blindrelay.relay.Member;
import io.nats.client.Connection;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Backpressure across relays. A relay cannot stop reading from a sender on another relay, so when a member
 * here cannot take more, this relay asks the sender's relay to pause that one sender (PAUSE), and lets it
 * go on when the member drains (RESUME). Nothing else on either relay waits: a slow member on relay B holds
 * back only the senders that write to it, wherever they are, exactly as on one relay. A member that stops
 * reading is still cut off by its own relay's stall timeout and queue limit, which releases its senders.
 *
 * <p>The same pause covers a NATS connection that falls behind: above a high-water mark of bytes waiting
 * to go out, senders to other relays pause until it drains.
 */
final class Backpressure {

    private static final long NATS_HIGH_WATER = 32L << 20;
    private static final long NATS_LOW_WATER = 8L << 20;

    /** A sender on another relay that this relay asked to pause for one of its members. */
    private record Hold(String relay, String room, String sender) {
    }

    private final String self;
    private final Connection nats;
    private final LocalRooms local;
    private final ScheduledExecutorService timer;
    /** Members here that other relays asked to pause, with those relays. */
    private final Map<Member, Set<String>> heldBy = new ConcurrentHashMap<>();
    /** Members here whose queue is full, with the senders elsewhere paused for them. */
    private final Map<Member, Set<Hold>> holding = new ConcurrentHashMap<>();
    /** Senders paused while the NATS connection drains. */
    private final Set<Member> congested = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean drainWatched = new AtomicBoolean();

    Backpressure(String self, Connection nats, LocalRooms local, ScheduledExecutorService timer) {
        this.self = self;
        this.nats = nats;
        this.local = local;
        this.timer = timer;
    }

    /** {@code target} here is full after a frame from {@code sender} on {@code relay}. */
    void hold(Member target, String relay, String room, String sender) {
        if (holding.computeIfAbsent(target, t -> ConcurrentHashMap.newKeySet()).add(new Hold(relay, room, sender))) {
            send(relay, Control.PAUSE, room, sender);
        }
    }

    /** {@code target} drained, or left: its senders elsewhere may go on. */
    void release(Member target) {
        Set<Hold> holds = holding.remove(target);
        if (holds != null) {
            for (Hold hold : holds) {
                send(hold.relay(), Control.RESUME, hold.room(), hold.sender());
            }
        }
    }

    void paused(Control control) {
        Member sender = local.member(control.room(), control.member());
        if (sender != null) {
            heldBy.computeIfAbsent(sender, s -> ConcurrentHashMap.newKeySet()).add(control.from());
            sender.setReading(false);
        }
    }

    void resumed(Control control) {
        Member sender = local.member(control.room(), control.member());
        if (sender != null) {
            letGo(sender, control.from());
        }
    }

    /** After a publish to another relay: pauses {@code source} while too much waits to go out to NATS. */
    void published(Member source) {
        if (nats.outgoingPendingBytes() > NATS_HIGH_WATER && congested.add(source)) {
            source.setReading(false);
            if (drainWatched.compareAndSet(false, true)) {
                timer.schedule(this::checkDrained, 2, TimeUnit.MILLISECONDS);
            }
        }
    }

    private void checkDrained() {
        if (nats.outgoingPendingBytes() > NATS_LOW_WATER) {
            timer.schedule(this::checkDrained, 2, TimeUnit.MILLISECONDS);
            return;
        }
        drainWatched.set(false);
        for (Member sender : congested) {
            if (congested.remove(sender) && mayResume(sender)) {
                sender.setReading(true);
            }
        }
    }

    boolean mayResume(Member sender) {
        return !heldBy.containsKey(sender) && !congested.contains(sender);
    }

    /** A relay is gone: the pauses it asked for end, and nothing more is sent to it. */
    void relayGone(String relay) {
        heldBy.forEach((sender, relays) -> letGo(sender, relay));
        holding.values().forEach(holds -> holds.removeIf(hold -> hold.relay().equals(relay)));
    }

    /** A member here left: it holds nobody back any more, and nobody holds it. */
    void left(Member member) {
        heldBy.remove(member);
        congested.remove(member);
        release(member);
    }

    private void letGo(Member sender, String relay) {
        Set<String> relays = heldBy.get(sender);
        if (relays != null && relays.remove(relay) && relays.isEmpty() && heldBy.remove(sender, relays)
                && !congested.contains(sender)) {
            sender.setReading(true);
        }
    }

    private void send(String relay, int op, String room, String sender) {
        try {
            nats.publish(Subjects.control(relay), new Control(op, self, room, sender).encode());
        } catch (IllegalStateException e) {
            // closed or reconnect buffer full: the other relay's pause ends when this relay is gone
        }
    }
}
