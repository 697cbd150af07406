package dev.blindrelay.relay.nats;

import dev.blindrelay.wire.MalformedFrameException;
import dev.blindrelay.wire.WireReader;
import dev.blindrelay.wire.WireWriter;

/**
 * A message between relays on a relay's control subject.
 *
 * <pre>
 * u8 op, str8 from relay, str8 room, str8 member
 * </pre>
 * PAUSE and RESUME carry backpressure: a member of {@code from}'s room cannot take more, so stop (or go on)
 * reading from {@code member}, who sends to it. EVICTED tells a relay that came back after the others had
 * given it up that its members were removed. PROBE asks whether the relay is still there.
 */
record Control(int op, String from, String room, String member) {

    static final int PAUSE = 1;
    static final int RESUME = 2;
    static final int EVICTED = 3;
    static final int PROBE = 4;

    byte[] encode() {
        return new WireWriter(4 + from.length() + room.length() + member.length())
                .u8(op).str8(from).str8(room).str8(member).toByteArray();
    }

    static Control decode(byte[] data) throws MalformedFrameException {
        WireReader reader = new WireReader(data);
        Control control = new Control(reader.u8("op"), reader.str8("relay"), reader.str8("room"),
                reader.str8("member"));
        reader.expectEnd("control message");
        return control;
    }
}
