package dev.blindrelay.relay;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The members of one room by name. Joins and leaves lock the room so that every member sees the
 * same order of events; forwarding only reads the concurrent map and never locks.
 */
final class Room {

    private final String name;
    private final byte[] nameBytes;
    /** Grows after every add and remove, so that a {@link Route} knows when to look again. */
    private final AtomicInteger version = new AtomicInteger();
    private final ConcurrentHashMap<String, Member> members = new ConcurrentHashMap<>();
    /** Members by every {@link dev.blindrelay.wire.NameKeys} key of their name. Under the room's lock. */
    private final Map<String, Member> byNameKey = new HashMap<>();

    Room(String name) {
        this.name = name;
        this.nameBytes = name.getBytes(StandardCharsets.UTF_8);
    }

    String name() {
        return name;
    }

    /** The name as frames carry it (UTF-8). */
    byte[] nameBytes() {
        return nameBytes;
    }

    int version() {
        return version.get();
    }

    Member get(String memberName) {
        return members.get(memberName);
    }

    /**
     * Adds {@code member} unless a member with the same name (by {@code nameKeys}) is in the room.
     * Caller holds the room's lock.
     *
     * @return null when added, otherwise the member whose name is the same
     */
    Member add(Member member, List<String> nameKeys) {
        for (String key : nameKeys) {
            Member holder = byNameKey.get(key);
            if (holder != null) {
                return holder;
            }
        }
        nameKeys.forEach(key -> byNameKey.put(key, member));
        members.put(member.name, member);
        version.incrementAndGet();
        return null;
    }

    /** Caller holds the room's lock. */
    boolean remove(Member member, List<String> nameKeys) {
        nameKeys.forEach(key -> byNameKey.remove(key, member));
        boolean removed = members.remove(member.name, member);
        version.incrementAndGet();
        return removed;
    }

    List<Member> members() {
        return new ArrayList<>(members.values());
    }

    boolean isEmpty() {
        return members.isEmpty();
    }
}
