package dev.blindrelay.bench.jmh;

import dev.blindrelay.registry.PluginRegistry;
import dev.blindrelay.spi.Aead;
import dev.blindrelay.spi.KeyAgreement;
import dev.blindrelay.spi.Plugin;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds what a benchmark measures the way the application does: the plugin from the registry, and the
 * other providers through {@code providerVariants()}. A provider parameter matches a provider name
 * exactly or up to a space ({@code BouncyCastle} matches {@code BouncyCastle 1.87}).
 */
final class Implementations {

    private static final PluginRegistry REGISTRY = PluginRegistry.load();

    private Implementations() {
    }

    static PluginRegistry registry() {
        if (!REGISTRY.failures().isEmpty()) {
            throw new IllegalStateException("plugins failed to load: " + REGISTRY.failures());
        }
        return REGISTRY;
    }

    static Aead aead(String id, String provider) {
        Aead plugin = registry().aeads().get(id);
        return select(plugin, plugin.providerVariants(), provider);
    }

    static KeyAgreement keyAgreement(String id, String provider) {
        KeyAgreement plugin = registry().keyAgreements().get(id);
        return select(plugin, plugin.providerVariants(), provider);
    }

    private static <T extends Plugin> T select(T plugin, List<T> variants, String provider) {
        List<T> all = new ArrayList<>();
        all.add(plugin);
        all.addAll(variants);
        List<String> names = new ArrayList<>();
        for (T candidate : all) {
            String name = candidate.provider();
            if (name.equals(provider) || name.startsWith(provider + " ")) {
                return candidate;
            }
            names.add(name);
        }
        throw new IllegalArgumentException(plugin.id() + " has no implementation by " + provider
                + "; providers: " + names);
    }
}
