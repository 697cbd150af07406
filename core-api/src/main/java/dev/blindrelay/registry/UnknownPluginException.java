package dev.blindrelay.registry;

import java.util.Collection;
import java.util.List;

/** A lookup named an id that no plugin provides. The message lists the ids that are available. */
public final class UnknownPluginException extends IllegalArgumentException {

    private final String kind;
    private final String id;
    private final List<String> available;

    public UnknownPluginException(String kind, String id, Collection<String> available) {
        super("unknown " + kind + " '" + id + "'; available: "
                + (available.isEmpty() ? "(none: is the plugin jar on the classpath?)" : String.join(", ", available)));
        this.kind = kind;
        this.id = id;
        this.available = List.copyOf(available);
    }

    public String kind() {
        return kind;
    }

    public String id() {
        return id;
    }

    public List<String> available() {
        return available;
    }
}
