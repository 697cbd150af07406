package dev.blindrelay.relay.nats;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The NATS subjects and KV keys of a cluster. Room names go in as base64url of their UTF-8 bytes: names
 * may hold dots, stars and any letter, which NATS subjects and KV keys do not allow.
 *
 * <pre>
 * blindrelay.relay.RELAY.frames   frames for members on RELAY, the envelope unchanged (one per relay)
 * blindrelay.relay.RELAY.control  pause, resume and eviction notices for RELAY
 * blindrelay.room.ROOM            the room's new state after each join or leave (u64 revision || state)
 * blindrelay.heartbeat            every relay's id, once per heartbeat interval; "bye" on a clean stop
 * KV bucket blindrelay-rooms, key ROOM: the room's state (see RoomState)
 * </pre>
 */
final class Subjects {

    static final String PREFIX = "blindrelay";
    static final String HEARTBEAT = PREFIX + ".heartbeat";
    static final String BUCKET = "blindrelay-rooms";

    private Subjects() {
    }

    static String frames(String relay) {
        return PREFIX + ".relay." + relay + ".frames";
    }

    static String control(String relay) {
        return PREFIX + ".relay." + relay + ".control";
    }

    static String room(String room) {
        return PREFIX + ".room." + token(room);
    }

    static String key(String room) {
        return token(room);
    }

    private static String token(String name) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(name.getBytes(StandardCharsets.UTF_8));
    }
}
