package dev.blindrelay.relay;

import dev.blindrelay.wire.FrameType;
import dev.blindrelay.wire.NameKeys;

import java.util.ArrayList;
import java.util.List;

/**
 * The directory of a relay on its own: every member is on this relay, so a name that is not here is
 * nowhere. One lock orders joins and leaves, so every member of a room sees the same order of events,
 * and the members already in a room hear PEER_JOINED before the newcomer gets its WELCOME.
 */
final class LocalDirectory implements MemberDirectory {

    private final LocalRooms local;
    private final Object membership = new Object();

    LocalDirectory(LocalRooms local) {
        this.local = local;
    }

    @Override
    public void join(Member member, String name, String room) {
        List<String> nameKeys = NameKeys.of(name); // outside the lock: ICU does the work
        synchronized (membership) {
            String taken = local.enter(member, name, room, nameKeys);
            if (taken != null) {
                local.refuse(member, taken);
                return;
            }
            List<String> existing = new ArrayList<>();
            for (Member other : local.members(room)) {
                if (other != member) {
                    existing.add(other.name());
                    local.tell(other, FrameType.PEER_JOINED, name);
                }
            }
            local.welcome(member, existing);
        }
    }

    @Override
    public void leave(Member member) {
        String name = member.name();
        if (name == null) {
            return; // never joined
        }
        List<String> nameKeys = NameKeys.of(name);
        synchronized (membership) {
            if (local.exit(member, nameKeys)) {
                for (Member other : local.members(member.roomName())) {
                    local.tell(other, FrameType.PEER_LEFT, member.name());
                }
            }
        }
    }

    @Override
    public boolean forward(Member source, String recipient, byte[] frame) {
        return false;
    }
}
