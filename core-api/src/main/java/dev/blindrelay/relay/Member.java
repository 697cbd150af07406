package dev.blindrelay.relay;

import dev.blindrelay.spi.RelayLink;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One connection as the router tracks it: before JOIN it has no name or room. Directories see its name,
 * room and link description; the router alone changes it.
 */
public final class Member {

    final RelayLink link;
    final RateLimiter rateLimiter;
    /** Senders paused because this member's outbound queue was full; resumed when it drains. */
    final Set<Member> pausedSenders = ConcurrentHashMap.newKeySet();
    volatile String name;
    /** {@link #name} as frames carry it (UTF-8), set with it. */
    volatile byte[] nameBytes;
    /** The short way for its frames; only its transport thread uses it. */
    final Route route = new Route();
    volatile Room room;
    volatile boolean closing;
    /** Set by the first JOIN, so that a second one is refused even while a directory is still deciding. */
    volatile boolean joinRequested;
    /** True while a stall check is scheduled for this member's full outbound queue. */
    final AtomicBoolean stallWatched = new AtomicBoolean();
    /** Times the outbound queue drained below its low-water mark: progress, for the stall check. */
    volatile long drains;

    Member(RelayLink link, RateLimiter rateLimiter) {
        this.link = link;
        this.rateLimiter = rateLimiter;
    }

    boolean joined() {
        return room != null;
    }

    /** The name it joined with, or null before. */
    public String name() {
        return name;
    }

    /** The room it joined, or null before. */
    public String roomName() {
        Room joined = room;
        return joined == null ? null : joined.name();
    }

    public String describe() {
        return link.describe();
    }

    /** True once the relay closes it or it is gone. */
    public boolean isClosing() {
        return closing;
    }

    /** Stops or resumes reading from it: backpressure asked for by another relay. */
    public void setReading(boolean reading) {
        if (!closing) {
            link.setReading(reading);
        }
    }

    @Override
    public String toString() {
        return name == null ? link.describe() : name + "@" + room.name() + " (" + link.describe() + ")";
    }
}
