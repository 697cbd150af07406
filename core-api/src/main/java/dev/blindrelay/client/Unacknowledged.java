package dev.blindrelay.client;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Messages sent to one peer and not yet acknowledged, oldest first: a ring of ids beside a ring of payloads.
 *
 * <p>Not a map, because of what a busy chat does with it: every message is added once and removed once, and the
 * acknowledgements come in the order the messages went out. So a removal is nearly always of the oldest entry, found
 * by looking at one slot of a compact {@code long[]}. A {@code LinkedHashMap<Long, ChatPayload>} did the same with a
 * boxed key and an entry per message scattered over the heap between the messages' buffers, and its removals cost a
 * chat client 5-9% of its transport thread. Any other id is found by binary search while the ids were added in
 * increasing order (a client numbers its messages so), by a scan otherwise (only messages carried over a reconnect
 * can come out of order). A removed entry leaves a gap until the entries before it are gone. Not thread-safe: guarded
 * by the client's lock, as {@link Peer} is.
 */
final class Unacknowledged {

    private long[] ids = new long[16];
    private ChatPayload[] payloads = new ChatPayload[16];
    /** The slot of the oldest entry; it is never a gap. */
    private int head;
    /** Slots in use from {@code head} on, gaps included. */
    private int slots;
    private int size;
    /** Whether the ids from {@code head} on increase strictly (gaps included): binary search works. */
    private boolean increasing = true;

    int size() {
        return size;
    }

    /** Holds {@code payload} until acknowledged; one already held with its id is replaced, in its place. */
    void put(ChatPayload payload) {
        long id = payload.id();
        if (slots > 0 && !(increasing && id > ids[slot(slots - 1)])) {
            int index = find(id);
            if (index >= 0) {
                payloads[slot(index)] = payload;
                return;
            }
            increasing = false;
        }
        if (slots == ids.length) {
            grow();
        }
        int at = slot(slots);
        ids[at] = id;
        payloads[at] = payload;
        slots++;
        size++;
    }

    /** Lets go of the message with this id; false when none is held. */
    boolean remove(long id) {
        int index = find(id);
        if (index < 0) {
            return false;
        }
        payloads[slot(index)] = null;
        size--;
        while (slots > 0 && payloads[head] == null) {
            head = (head + 1) & (ids.length - 1);
            slots--;
        }
        if (slots == 0) {
            head = 0;
            increasing = true;
        }
        return true;
    }

    /** The messages held, oldest first. */
    List<ChatPayload> inOrder() {
        List<ChatPayload> held = new ArrayList<>(size);
        for (int i = 0; i < slots; i++) {
            ChatPayload payload = payloads[slot(i)];
            if (payload != null) {
                held.add(payload);
            }
        }
        return held;
    }

    void clear() {
        Arrays.fill(payloads, null);
        head = 0;
        slots = 0;
        size = 0;
        increasing = true;
    }

    /** The index (from the oldest) of the entry held with this id, or -1. */
    private int find(long id) {
        if (slots == 0) {
            return -1;
        }
        if (ids[head] == id) {
            return 0; // the usual case: acknowledgements come in the order the messages went out
        }
        if (increasing) {
            int low = 1;
            int high = slots - 1;
            while (low <= high) {
                int middle = (low + high) >>> 1;
                long at = ids[slot(middle)];
                if (at < id) {
                    low = middle + 1;
                } else if (at > id) {
                    high = middle - 1;
                } else {
                    return payloads[slot(middle)] == null ? -1 : middle;
                }
            }
            return -1;
        }
        for (int i = 1; i < slots; i++) {
            if (ids[slot(i)] == id && payloads[slot(i)] != null) {
                return i;
            }
        }
        return -1;
    }

    private int slot(int index) {
        return (head + index) & (ids.length - 1);
    }

    private void grow() {
        long[] biggerIds = new long[ids.length * 2];
        ChatPayload[] biggerPayloads = new ChatPayload[ids.length * 2];
        for (int i = 0; i < slots; i++) {
            biggerIds[i] = ids[slot(i)];
            biggerPayloads[i] = payloads[slot(i)];
        }
        ids = biggerIds;
        payloads = biggerPayloads;
        head = 0;
    }
}
