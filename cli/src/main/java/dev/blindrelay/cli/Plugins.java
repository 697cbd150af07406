package dev.blindrelay.cli;

import dev.blindrelay.registry.PluginLoadFailure;
import dev.blindrelay.registry.PluginRegistry;

import java.io.PrintStream;

/** Discovers the plugins on the classpath and reports, never hides, any that failed to load. */
public final class Plugins {

    private Plugins() {
    }

    public static PluginRegistry load(PrintStream err) {
        PluginRegistry registry = PluginRegistry.load(Plugins.class.getClassLoader());
        for (PluginLoadFailure failure : registry.failures()) {
            err.println("[WARN] " + failure);
        }
        return registry;
    }
}
