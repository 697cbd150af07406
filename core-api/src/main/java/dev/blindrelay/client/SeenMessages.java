package dev.blindrelay.client;

import java.util.LinkedHashMap;
import java.util.Map;

/** Recently shown (sender, message id) pairs: a message resent after a reconnect is shown once. */
final class SeenMessages {

    private static final int CAPACITY = 4096;

    private final Map<String, Boolean> seen = new LinkedHashMap<>(256, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > CAPACITY;
        }
    };

    /** Records the pair; true the first time it is seen. */
    boolean firstTime(String sender, long id) {
        return seen.put(sender + "\u0000" + id, Boolean.TRUE) == null;
    }
}
