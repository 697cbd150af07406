package dev.blindrelay.cli;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import com.google.inject.util.Modules;
import dev.blindrelay.inject.PluginModule;
import dev.blindrelay.inject.SelectionModule;
import dev.blindrelay.registry.PluginRegistry;

import java.util.List;

/**
 * Builds the Guice injector for a command: every discovered plugin ({@link PluginModule}), the
 * user's choices ({@link SelectionModule}), and the command's own settings. Tests pass overrides
 * to swap any binding.
 */
public final class Wiring {

    private Wiring() {
    }

    public static Injector injector(PluginRegistry registry, String suite, List<String> transports,
                                    Module commandModule, Module... overrides) {
        Module base = Modules.combine(new PluginModule(registry), new SelectionModule(suite, transports),
                commandModule);
        return Guice.createInjector(overrides.length == 0 ? base : Modules.override(base).with(overrides));
    }

    /** A module binding one instance, for a command's parsed settings. */
    public static <T> Module instance(Class<T> type, T value) {
        return new AbstractModule() {
            @Override
            protected void configure() {
                bind(type).toInstance(value);
            }
        };
    }
}
