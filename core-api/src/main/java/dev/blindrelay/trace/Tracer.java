package dev.blindrelay.trace;

import java.util.List;

/**
 * Receives the teaching trace. The only path by which secret material may leave the process, and
 * only when the user asked for {@code --trace}; {@link #NONE} drops everything and is the default.
 */
public interface Tracer {

    Tracer NONE = new Tracer() {
        @Override
        public boolean enabled() {
            return false;
        }

        @Override
        public void event(TraceEvent event) {
        }
    };

    /** Callers skip building events (hex strings) when this is false. */
    boolean enabled();

    void event(TraceEvent event);

    default void event(String party, String peer, String step, String purpose, TraceValue... values) {
        if (enabled()) {
            event(new TraceEvent(party, peer, step, purpose, List.of(values)));
        }
    }

    /** Sends every event to both tracers. */
    static Tracer both(Tracer first, Tracer second) {
        if (!first.enabled()) {
            return second;
        }
        if (!second.enabled()) {
            return first;
        }
        return new Tracer() {
            @Override
            public boolean enabled() {
                return true;
            }

            @Override
            public void event(TraceEvent event) {
                first.event(event);
                second.event(event);
            }
        };
    }
}
