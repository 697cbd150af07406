package dev.blindrelay.relay;

import dev.blindrelay.spi.RelayLink;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/** One connection as the router tracks it: before JOIN it has no name or room. */
final class Member {

    final RelayLink link;
    final RateLimiter rateLimiter;
    /** Senders paused because this member's outbound queue was full; resumed when it drains. */
    final Set<Member> pausedSenders = ConcurrentHashMap.newKeySet();
    volatile String name;
    volatile Room room;
    volatile boolean closing;
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

    @Override
    public String toString() {
        return name == null ? link.describe() : name + "@" + room.name() + " (" + link.describe() + ")";
    }
}
