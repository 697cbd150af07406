package dev.blindrelay.client;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Messages kept across a lost connection: per member who was in the room, what they had not
 * acknowledged (and what was typed for them since), and, when nobody was known, what was typed
 * while disconnected. They go out again when those members are back. Guarded by the client's lock.
 */
final class HeldMessages {

    private final ChatListener listener;
    private final int maxQueued;
    private final List<ChatPayload> forWhoeverIsThere = new ArrayList<>();
    private final Map<String, List<ChatPayload>> byMember = new LinkedHashMap<>();

    HeldMessages(ChatListener listener, int maxQueued) {
        this.listener = listener;
        this.maxQueued = maxQueued;
    }

    /** The connection is lost: keep what {@code peer} has not acknowledged. */
    void carry(Peer peer) {
        byMember.computeIfAbsent(peer.name, name -> new ArrayList<>()).addAll(peer.takePending());
    }

    /** Whether {@code name} was in the room when the connection was lost. */
    boolean waitsFor(String name) {
        return byMember.containsKey(name);
    }

    /** A direct message typed while disconnected, for a member who was in the room. */
    void holdFor(String name, ChatPayload payload) {
        byMember.get(name).add(payload);
    }

    /**
     * A room message typed while disconnected: it is meant for the people who were in the room, so it
     * waits for each of them; with nobody known, it goes to whoever is there on return.
     *
     * @return false when too many messages are already waiting (the user is told)
     */
    boolean holdForRoom(ChatPayload payload) {
        int waiting = forWhoeverIsThere.size() + byMember.values().stream().mapToInt(List::size).max().orElse(0);
        if (waiting >= maxQueued) {
            listener.notDelivered("the room", payload.id(), "not connected and " + maxQueued
                    + " messages are already waiting");
            return false;
        }
        if (byMember.isEmpty()) {
            forWhoeverIsThere.add(payload);
        } else {
            byMember.values().forEach(pending -> pending.add(payload));
        }
        return true;
    }

    /** {@code peer} was listed in the WELCOME after a reconnect: it gets its own and the room's messages. */
    void handToMember(Peer peer) {
        handToReturning(peer);
        peer.queue(forWhoeverIsThere);
    }

    /** {@code peer} joined after us: it gets what was held for it, if it was in the room before. */
    void handToReturning(Peer peer) {
        List<ChatPayload> pending = byMember.remove(peer.name);
        if (pending != null) {
            peer.queue(pending);
        }
    }

    /**
     * The WELCOME has been handled: room messages nobody could get are reported.
     *
     * @return whether some members have not come back yet
     */
    boolean welcomeHandled(boolean roomEmpty) {
        if (roomEmpty) {
            forWhoeverIsThere.forEach(p -> listener.notDelivered("the room", p.id(), "nobody else is in the room"));
        }
        forWhoeverIsThere.clear();
        return !byMember.isEmpty();
    }

    /** Reports every message still held, and drops them. */
    void giveUp(String reason) {
        byMember.forEach((name, pending) -> pending.forEach(p -> listener.notDelivered(name, p.id(), reason)));
        byMember.clear();
    }

    /** Reports the messages of members who did not come back, each with its own reason. */
    void giveUpOnAbsent(long seconds) {
        byMember.forEach((name, pending) -> pending.forEach(p -> listener.notDelivered(name, p.id(),
                name + " did not come back within " + seconds + " s of the reconnect")));
        byMember.clear();
    }
}
