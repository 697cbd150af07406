package dev.blindrelay.relay.nats;

import io.nats.client.Subscription;

import java.util.List;
import java.util.Map;

/**
 * What this relay knows of one room while it has members there (or a join on its way): the newest state
 * from the bucket, and what its own members were told. Fields other than {@link #remote} are guarded by
 * the directory's lock. A room without members here has no view and costs this relay nothing.
 */
final class RoomView {

    /** A member on another relay, with the subject that reaches it. */
    record Remote(String relay, String subject) {
    }

    final String room;
    final String key;
    Subscription subscription;
    long revision;
    RoomState state = RoomState.EMPTY;
    /** The members this relay's members were told about (PEER_JOINED, WELCOME), in the room's order. */
    List<RoomState.Entry> told = List.of();
    /** Joins on their way and members here: at zero the view goes. */
    int users;
    /** Members on other relays by name, read without a lock by the forwarding path. */
    volatile Map<String, Remote> remote = Map.of();

    RoomView(String room) {
        this.room = room;
        this.key = Subjects.key(room);
    }
}
