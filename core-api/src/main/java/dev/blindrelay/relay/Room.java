package dev.blindrelay.relay;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The members of one room by name. Joins and leaves lock the room so that every member sees the
 * same order of events; forwarding only reads the concurrent map and never locks.
 */
final class Room {

    private final String name;
    private final ConcurrentHashMap<String, Member> members = new ConcurrentHashMap<>();

    Room(String name) {
        this.name = name;
    }

    String name() {
        return name;
    }

    Member get(String memberName) {
        return members.get(memberName);
    }

    /** @return false when the name is taken. Caller holds the room's lock. */
    boolean add(Member member) {
        return members.putIfAbsent(member.name, member) == null;
    }

    /** Caller holds the room's lock. */
    boolean remove(Member member) {
        return members.remove(member.name, member);
    }

    List<Member> members() {
        return new ArrayList<>(members.values());
    }

    boolean isEmpty() {
        return members.isEmpty();
    }
}
