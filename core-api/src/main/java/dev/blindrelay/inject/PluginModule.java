package dev.blindrelay.inject;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.MapBinder;
import dev.blindrelay.registry.PluginRegistry;
import dev.blindrelay.registry.Registry;
import dev.blindrelay.spi.Aead;
import dev.blindrelay.spi.Kdf;
import dev.blindrelay.spi.KeyAgreement;
import dev.blindrelay.spi.NamedSuite;
import dev.blindrelay.spi.Plugin;
import dev.blindrelay.spi.Transport;

/**
 * Every discovered plugin as a Guice {@code MapBinder} entry by id: {@code Map<String, Aead>} and so
 * on. Tests swap plugins with {@code Modules.override(new PluginModule(registry)).with(...)}, binding a
 * whole replacement map (a MapBinder refuses a second entry for an id that exists).
 */
public final class PluginModule extends AbstractModule {

    private final PluginRegistry registry;

    public PluginModule(PluginRegistry registry) {
        this.registry = registry;
    }

    @Override
    protected void configure() {
        bind(PluginRegistry.class).toInstance(registry);
        bindAll(KeyAgreement.class, registry.keyAgreements());
        bindAll(Kdf.class, registry.kdfs());
        bindAll(Aead.class, registry.aeads());
        bindAll(Transport.class, registry.transports());
        bindAll(NamedSuite.class, registry.namedSuites());
    }

    private <T extends Plugin> void bindAll(Class<T> type, Registry<T> plugins) {
        MapBinder<String, T> map = MapBinder.newMapBinder(binder(), String.class, type);
        for (T plugin : plugins.all()) {
            map.addBinding(plugin.id()).toInstance(plugin);
        }
    }
}
