package dev.blindrelay.relay.nats;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which relays are alive: those heard from within the dead-after time. A relay is never in doubt about
 * itself. Heartbeats are core NATS messages, one per relay per interval, so the cost grows with relays,
 * not with members, and they keep flowing while JetStream elects a new leader.
 */
final class Liveness {

    private final String self;
    private final long deadAfterNanos;
    private final ConcurrentHashMap<String, Long> lastSeen = new ConcurrentHashMap<>();

    Liveness(String self, long deadAfterNanos) {
        this.self = self;
        this.deadAfterNanos = deadAfterNanos;
    }

    boolean isAlive(String relay) {
        return relay.equals(self) || lastSeen.containsKey(relay);
    }

    /** @return true when {@code relay} was not known to be alive */
    boolean heard(String relay, long now) {
        return !relay.equals(self) && lastSeen.put(relay, now) == null;
    }

    /** @return true when {@code relay} was alive: it said goodbye, or it is known to be gone */
    boolean gone(String relay) {
        return lastSeen.remove(relay) != null;
    }

    /** Relays not heard from for the dead-after time, now forgotten. */
    List<String> sweep(long now) {
        List<String> dead = new ArrayList<>();
        lastSeen.forEach((relay, seen) -> {
            if (now - seen > deadAfterNanos && lastSeen.remove(relay, seen)) {
                dead.add(relay);
            }
        });
        return dead;
    }
}
