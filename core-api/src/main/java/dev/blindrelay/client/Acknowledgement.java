package dev.blindrelay.client;

import dev.blindrelay.wire.MalformedFrameException;
import dev.blindrelay.wire.WireReader;
import dev.blindrelay.wire.WireWriter;

import java.util.ArrayList;
import java.util.List;

/**
 * "These messages arrived": the receiver's encrypted acknowledgement, which lets the sender show a ✓.
 * One acknowledgement covers every message of a read batch, so under load it costs one seal per
 * batch instead of one per message.
 * <pre>
 * u8  kind = 3
 * u16 count (at least 1)
 * count x u64 message id
 * </pre>
 */
public record Acknowledgement(List<Long> ids) {

    public static final int KIND = 3;
    /** Ids per acknowledgement at most: keeps it well inside any frame limit (8 KiB of ids). */
    public static final int MAX_IDS = 1024;

    public Acknowledgement {
        ids = List.copyOf(ids);
        if (ids.isEmpty() || ids.size() > MAX_IDS) {
            throw new IllegalArgumentException("an acknowledgement carries 1 to " + MAX_IDS + " ids, not " + ids.size());
        }
    }

    public byte[] encode() {
        WireWriter writer = new WireWriter(3 + 8 * ids.size()).u8(KIND).u16(ids.size());
        ids.forEach(writer::u64);
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
        List<Long> ids = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            ids.add(reader.u64("message id"));
        }
        reader.expectEnd("acknowledgement");
        return new Acknowledgement(ids);
    }
}
