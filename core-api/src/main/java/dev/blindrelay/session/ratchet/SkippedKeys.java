package dev.blindrelay.session.ratchet;

import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Keys of messages that have not arrived (dropped or delayed by the relay), by (epoch, number), at most
 * {@code capacity} of them: past that the oldest is erased. A key leaves the store, erased, when its message
 * arrives; so each message opens once, and a replay finds nothing.
 */
final class SkippedKeys {

    private final int capacity;
    /** Insertion order is age order: the first entry is the oldest. */
    private final LinkedHashMap<Long, byte[]> keys = new LinkedHashMap<>();

    SkippedKeys(int capacity) {
        this.capacity = capacity;
    }

    private static long id(long epoch, long number) {
        return (epoch << 32) | number;
    }

    /** Keeps {@code key} (owned by the store from now on), erasing the oldest when full. */
    void put(long epoch, long number, byte[] key) {
        if (capacity == 0) {
            Arrays.fill(key, (byte) 0);
            return;
        }
        byte[] replaced = keys.put(id(epoch, number), key);
        if (replaced != null) {
            Arrays.fill(replaced, (byte) 0);
        }
        Iterator<Map.Entry<Long, byte[]>> oldest = keys.entrySet().iterator();
        while (keys.size() > capacity) {
            Arrays.fill(oldest.next().getValue(), (byte) 0);
            oldest.remove();
        }
    }

    /** The key of that message, still in the store (a copy), or null. */
    byte[] copyOf(long epoch, long number) {
        if (keys.isEmpty()) {
            return null; // the usual case, asked for every message: no boxed lookup
        }
        byte[] key = keys.get(id(epoch, number));
        return key == null ? null : key.clone();
    }

    /** Removes and erases the key of that message: it has been used. */
    void erase(long epoch, long number) {
        byte[] key = keys.remove(id(epoch, number));
        if (key != null) {
            Arrays.fill(key, (byte) 0);
        }
    }

    int size() {
        return keys.size();
    }

    /** Copies of every key held (for a thief, who tries them all). */
    java.util.List<byte[]> copyOfAll() {
        return keys.values().stream().map(byte[]::clone).collect(java.util.stream.Collectors.toList());
    }

    void destroy() {
        keys.values().forEach(key -> Arrays.fill(key, (byte) 0));
        keys.clear();
    }
}
