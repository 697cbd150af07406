package dev.blindrelay.trace;

import java.io.PrintStream;
import java.util.function.Consumer;

/**
 * Prints each trace step as a short block: what the step is for, then its values. Secret values are
 * labelled so nobody mistakes a private key for something safe to share.
 */
public final class TextTracer implements Tracer {

    private final Consumer<String> out;

    /** @param out receives one block of lines per step (a console that keeps the prompt intact, say) */
    public TextTracer(Consumer<String> out) {
        this.out = out;
    }

    public TextTracer(PrintStream out) {
        this(block -> {
            out.println(block);
            out.flush();
        });
    }

    @Override
    public boolean enabled() {
        return true;
    }

    @Override
    public synchronized void event(TraceEvent event) {
        StringBuilder text = new StringBuilder();
        text.append("[TRACE ").append(event.party()).append(" -> ").append(event.peer()).append("] ")
                .append(event.step()).append(": ").append(event.purpose());
        for (TraceValue value : event.values()) {
            text.append('\n').append("    ").append(value.name());
            if (value.secret()) {
                text.append(" [SECRET, shown only in trace mode]");
            }
            text.append(" = ").append(value.value());
        }
        out.accept(text.toString());
    }
}
