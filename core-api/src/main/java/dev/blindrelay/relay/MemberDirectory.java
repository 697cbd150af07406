package dev.blindrelay.relay;

/**
 * Where the members of a room are. The router forwards to members on this relay itself and asks the
 * directory only about the rest; joins and leaves go through the directory, so that a cluster can keep
 * names unique across relays and tell every relay who is in a room.
 *
 * <p>{@link LocalDirectory} knows this relay only (the default, at no cost per frame); the relay-nats
 * module spreads rooms over many relays.
 */
public interface MemberDirectory extends AutoCloseable {

    /** Makes the directory of one router, which changes the router's rooms here through {@code local}. */
    interface Factory {
        MemberDirectory create(LocalRooms local);
    }

    /** A relay on its own. */
    Factory LOCAL = LocalDirectory::new;

    /**
     * {@code member} asks to join {@code room} as {@code name} (both already valid). The directory ends every
     * join with {@link LocalRooms#enter} and {@link LocalRooms#welcome}, or with {@link LocalRooms#refuse},
     * now or later, from any thread.
     */
    void join(Member member, String name, String room);

    /** {@code member}'s connection closed: it may be in a room, or its join may still be pending. */
    void leave(Member member);

    /**
     * A peer-to-peer frame for {@code recipient}, who is not on this relay, in {@code source}'s room. Called on
     * the sender's transport thread: must not block.
     *
     * @return false when the room has no such member anywhere
     */
    boolean forward(Member source, String recipient, byte[] frame);

    /** {@code member}'s outbound queue drained below its low-water mark. */
    default void drained(Member member) {
    }

    /** Whether a sender paused for a local recipient may read again (false while another relay holds it). */
    default boolean mayResume(Member sender) {
        return true;
    }

    @Override
    default void close() {
    }
}
