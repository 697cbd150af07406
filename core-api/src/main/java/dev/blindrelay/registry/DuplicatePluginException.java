package dev.blindrelay.registry;

/** Two plugins claimed the same id. Both classes are named so the user can remove one jar. */
public final class DuplicatePluginException extends IllegalStateException {

    public DuplicatePluginException(String kind, String id, Class<?> first, Class<?> second) {
        super("duplicate " + kind + " id '" + id + "': provided by both " + first.getName()
                + " (" + PluginOrigin.of(first) + ") and " + second.getName() + " (" + PluginOrigin.of(second) + ")");
    }
}
