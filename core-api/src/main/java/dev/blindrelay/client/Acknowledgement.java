package dev.blindrelay.client;

import dev.blindrelay.wire.MalformedFrameException;
import dev.blindrelay.wire.WireReader;
import dev.blindrelay.wire.WireWriter;

import java.util.Arrays;

/**
 * "These messages arrived": the receiver's encrypted acknowledgement, which lets the sender show a ✓.
 * One acknowledgement covers every message of a read batch, so under load it costs one seal per
 * batch instead of one per message.
 * <pre>
 * u8  kind = 3
 * u16 count (at least 1)
 * count x u64 message id
 * </pre>
 * The ids are kept as primitives: under load a client parses one of these per read batch, and boxing each id (a
 * {@code List<Long>}, copied once more) was 9% of a chat client's transport thread.
 */
public final class Acknowledgement {

    public static final int KIND = 3;
    /** Ids per acknowledgement at most: keeps it well inside any frame limit (8 KiB of ids). */
    public static final int MAX_IDS = 1024;

    private final long[] ids;

    /** @param ids 1 to {@link #MAX_IDS} message ids; copied */
    public Acknowledgement(long... ids) {
        this(ids, ids.length);
    }

    /** The first {@code count} of {@code ids} (1 to {@link #MAX_IDS}), copied. */
    public Acknowledgement(long[] ids, int count) {
        if (count < 1 || count > MAX_IDS) {
            throw new IllegalArgumentException("an acknowledgement carries 1 to " + MAX_IDS + " ids, not " + count);
        }
        this.ids = Arrays.copyOf(ids, count);
    }

    /** How many message ids this acknowledges. */
    public int count() {
        return ids.length;
    }

    /** The id at {@code index}, 0 to {@link #count()} - 1, in the order they were sent. */
    public long id(int index) {
        return ids[index];
    }

    /** A copy of the ids, in order. */
    public long[] ids() {
        return ids.clone();
    }

    public byte[] encode() {
        WireWriter writer = new WireWriter(3 + 8 * ids.length).u8(KIND).u16(ids.length);
        for (long id : ids) {
            writer.u64(id);
        }
        return writer.toByteArray();
    }

    public static Acknowledgement parse(byte[] plaintext) throws MalformedFrameException {
        WireReader reader = new WireReader(plaintext);
        if (reader.u8("kind") != KIND) {
            throw new MalformedFrameException("not an acknowledgement");
        }
        int count = reader.u16("id count");
        if (count == 0 || count > MAX_IDS) {
            throw new MalformedFrameException("an acknowledgement carries 1 to " + MAX_IDS + " ids, not " + count);
        }
        long[] ids = new long[count];
        for (int i = 0; i < count; i++) {
            ids[i] = reader.u64("message id");
        }
        reader.expectEnd("acknowledgement");
        return new Acknowledgement(ids, count);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Acknowledgement ack && Arrays.equals(ids, ack.ids);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(ids);
    }

    @Override
    public String toString() {
        return "Acknowledgement" + Arrays.toString(ids);
    }
}
