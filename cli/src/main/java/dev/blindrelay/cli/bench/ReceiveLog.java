package dev.blindrelay.cli.bench;

import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;

/**
 * What one receiver got, per sender: a bit per sequence number, so a loss or a duplicate is found
 * exactly, whatever the order of arrival. Written by the receiver's transport thread, read by the
 * benchmark thread; the locks are uncontended.
 */
final class ReceiveLog {

    private final Map<Integer, BitSet> bySender = new HashMap<>();
    private long received;
    private long duplicates;

    /** @return false when this sequence number from this sender arrived before (a duplicate) */
    synchronized boolean record(int sender, int seq) {
        BitSet seen = bySender.computeIfAbsent(sender, s -> new BitSet());
        received++;
        if (seen.get(seq)) {
            duplicates++;
            return false;
        }
        seen.set(seq);
        return true;
    }

    /** Every arrival, duplicates included. */
    synchronized long received() {
        return received;
    }

    synchronized long duplicates() {
        return duplicates;
    }

    /** Distinct sequence numbers from {@code sender} below {@code limit}. */
    synchronized int distinctFrom(int sender, int limit) {
        BitSet seen = bySender.get(sender);
        return seen == null ? 0 : seen.get(0, limit).cardinality();
    }
}
