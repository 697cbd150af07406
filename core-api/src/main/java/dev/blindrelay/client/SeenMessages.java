package dev.blindrelay.client;

import java.util.LinkedHashMap;
import java.util.Map;

/** Recently shown (sender, message id) pairs: a message resent after a reconnect is shown once. */
final class SeenMessages {

    private static final int CAPACITY = 4096;

    /** Every message received is recorded, so the key is a small record: no string is built per message. */
    private record Key(String sender, long id) {
    }

    private final Map<Key, Boolean> seen = new LinkedHashMap<>(256, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Boolean> eldest) {
            return size() > CAPACITY;
        }
    };

    /** Records the pair; true the first time it is seen. */
    boolean firstTime(String sender, long id) {
        return seen.put(new Key(sender, id), Boolean.TRUE) == null;
    }
}
