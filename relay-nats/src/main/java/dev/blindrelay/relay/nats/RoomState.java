package dev.blindrelay.relay.nats;

import dev.blindrelay.wire.MalformedFrameException;
import dev.blindrelay.wire.WireReader;
import dev.blindrelay.wire.WireWriter;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Who is in a room across the cluster, in join order: the value of the room's key in the KV bucket.
 * Every change is a compare-and-set on that key, so the bucket's revisions put all joins and leaves of a
 * room in one order that every relay agrees on; the members listed before a newcomer are exactly those
 * its WELCOME names, as on a single relay.
 *
 * <pre>
 * u16 count, then count x (str8 name, str8 relay id, u64 serial)
 * </pre>
 */
record RoomState(List<Entry> entries) {

    static final RoomState EMPTY = new RoomState(List.of());

    /** One member: its name, the relay it is connected to, and that relay's number for this connection. */
    record Entry(String name, String relay, long serial) {
    }

    RoomState {
        entries = List.copyOf(entries);
    }

    RoomState with(Entry entry) {
        List<Entry> more = new ArrayList<>(entries);
        more.add(entry);
        return new RoomState(more);
    }

    RoomState keep(Predicate<Entry> keep) {
        List<Entry> kept = new ArrayList<>(entries.size());
        for (Entry entry : entries) {
            if (keep.test(entry)) {
                kept.add(entry);
            }
        }
        return kept.size() == entries.size() ? this : new RoomState(kept);
    }

    boolean contains(Entry entry) {
        return entries.contains(entry);
    }

    byte[] encode() {
        WireWriter writer = new WireWriter(2 + entries.size() * 32).u16(entries.size());
        for (Entry entry : entries) {
            writer.str8(entry.name()).str8(entry.relay()).u64(entry.serial());
        }
        return writer.toByteArray();
    }

    static RoomState decode(byte[] value) throws MalformedFrameException {
        if (value == null || value.length == 0) {
            return EMPTY;
        }
        return decode(new WireReader(value));
    }

    static RoomState decode(WireReader reader) throws MalformedFrameException {
        int count = reader.u16("member count");
        List<Entry> entries = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            entries.add(new Entry(reader.str8("name"), reader.str8("relay"), reader.u64("serial")));
        }
        reader.expectEnd("room state");
        return new RoomState(entries);
    }
}
