package dev.blindrelay.relay.nats;

import dev.blindrelay.wire.MalformedFrameException;
import dev.blindrelay.wire.WireWriter;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.KeyValue;
import io.nats.client.api.KeyValueEntry;
import io.nats.client.api.KeyValueOperation;

import java.io.IOException;

/**
 * The rooms' states in the KV bucket: a read, and a compare-and-set write that then tells every relay with
 * members in the room (on the room's subject). Blocking calls: made on the membership thread only.
 */
final class RoomStore {

    /** JetStream's "wrong last sequence": another relay changed the room first. */
    private static final int WRONG_LAST_SEQUENCE = 10071;

    /** A room's state with its revision (0: the room never existed). */
    record Snapshot(long revision, RoomState state) {
    }

    /** Another relay changed the room between our read and our write. */
    static final class Conflict extends Exception {
        Conflict() {
            super(null, null, false, false);
        }
    }

    private final KeyValue bucket;
    private final Connection nats;

    RoomStore(KeyValue bucket, Connection nats) {
        this.bucket = bucket;
        this.nats = nats;
    }

    Snapshot read(RoomView view) throws IOException, JetStreamApiException {
        KeyValueEntry entry = bucket.get(view.key);
        if (entry == null || entry.getOperation() != KeyValueOperation.PUT) {
            return new Snapshot(entry == null ? 0 : entry.getRevision(), RoomState.EMPTY);
        }
        try {
            return new Snapshot(entry.getRevision(), RoomState.decode(entry.getValue()));
        } catch (MalformedFrameException e) {
            throw new IOException("room " + view.room + " holds a malformed state: " + e.getMessage());
        }
    }

    /** @return the new revision */
    long write(RoomView view, RoomState state, long expected) throws IOException, JetStreamApiException, Conflict {
        byte[] value = state.encode();
        long revision;
        try {
            revision = expected == 0 ? bucket.create(view.key, value) : bucket.update(view.key, value, expected);
        } catch (JetStreamApiException e) {
            if (e.getApiErrorCode() == WRONG_LAST_SEQUENCE) {
                throw new Conflict();
            }
            throw e;
        }
        nats.publish(Subjects.room(view.room), new WireWriter(8 + value.length).u64(revision).raw(value)
                .toByteArray());
        return revision;
    }
}
