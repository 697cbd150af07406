package dev.blindrelay.trace;

import java.util.List;

/**
 * One step of a handshake or of protecting a message, as it happened.
 *
 * @param party   whose view this is (the local name)
 * @param peer    the other side of the session
 * @param step    a stable machine-readable id, e.g. {@code transcript} or {@code seal}
 * @param purpose one line saying what the step is for
 * @param values  the inputs and outputs, in order
 */
public record TraceEvent(String party, String peer, String step, String purpose, List<TraceValue> values) {

    public TraceEvent {
        values = List.copyOf(values);
    }

    /** The value named {@code name}, or null. */
    public String value(String name) {
        for (TraceValue value : values) {
            if (value.name().equals(name)) {
                return value.value();
            }
        }
        return null;
    }
}
