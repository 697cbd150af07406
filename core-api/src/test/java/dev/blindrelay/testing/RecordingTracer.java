package dev.blindrelay.testing;

import dev.blindrelay.trace.TraceEvent;
import dev.blindrelay.trace.Tracer;

import java.util.ArrayList;
import java.util.List;

/** A {@link Tracer} that keeps every event, so tests can recompute what the trace shows. Thread-safe. */
public final class RecordingTracer implements Tracer {

    private final List<TraceEvent> events = new ArrayList<>();

    @Override
    public boolean enabled() {
        return true;
    }

    @Override
    public synchronized void event(TraceEvent event) {
        events.add(event);
    }

    public synchronized List<TraceEvent> events() {
        return List.copyOf(events);
    }

    /** The events of one step (e.g. {@code seal}) recorded by {@code party}, in order. */
    public synchronized List<TraceEvent> events(String party, String step) {
        return events.stream().filter(e -> e.party().equals(party) && e.step().equals(step)).toList();
    }

    /** The only event of {@code step} by {@code party}; fails when there is not exactly one. */
    public TraceEvent single(String party, String step) {
        List<TraceEvent> found = events(party, step);
        if (found.size() != 1) {
            throw new AssertionError("expected one '" + step + "' event by " + party + ", found " + found.size());
        }
        return found.get(0);
    }

    public synchronized void clear() {
        events.clear();
    }
}
