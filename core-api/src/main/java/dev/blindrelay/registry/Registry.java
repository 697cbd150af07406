package dev.blindrelay.registry;

import dev.blindrelay.spi.Plugin;

import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The plugins of one kind, by id. Built once through {@link Builder}, immutable afterwards.
 * A duplicate id is an error naming both classes; an unknown id is an error listing the ids there are.
 */
public final class Registry<T extends Plugin> {

    private final String kind;
    private final Map<String, T> byId;

    private Registry(String kind, Map<String, T> byId) {
        this.kind = kind;
        this.byId = Collections.unmodifiableMap(new TreeMap<>(byId));
    }

    public static <T extends Plugin> Builder<T> builder(String kind) {
        return new Builder<>(kind);
    }

    /** What this registry holds, e.g. "AEAD" or "transport", as used in error messages. */
    public String kind() {
        return kind;
    }

    public Optional<T> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** @throws UnknownPluginException naming the ids that are available */
    public T get(String id) {
        T plugin = byId.get(id);
        if (plugin == null) {
            throw new UnknownPluginException(kind, id, byId.keySet());
        }
        return plugin;
    }

    /** Ids in sorted order. */
    public Set<String> ids() {
        return byId.keySet();
    }

    /** Plugins in id order. */
    public Collection<T> all() {
        return byId.values();
    }

    public Map<String, T> asMap() {
        return byId;
    }

    /** Collects plugins; {@link #add} rejects a second plugin with the same id. */
    public static final class Builder<T extends Plugin> {
        private final String kind;
        private final Map<String, T> byId = new TreeMap<>();

        private Builder(String kind) {
            this.kind = kind;
        }

        public Builder<T> add(T plugin) {
            String id = plugin.id();
            if (id == null || id.isBlank()) {
                throw new IllegalArgumentException(kind + " " + plugin.getClass().getName() + " has no id");
            }
            T previous = byId.putIfAbsent(id, plugin);
            if (previous != null) {
                throw new DuplicatePluginException(kind, id, previous.getClass(), plugin.getClass());
            }
            return this;
        }

        public Registry<T> build() {
            return new Registry<>(kind, byId);
        }
    }
}
