package dev.blindrelay.cli.command;

import dev.blindrelay.cli.Command;
import dev.blindrelay.cli.Console;
import dev.blindrelay.cli.Plugins;
import dev.blindrelay.cli.config.Settings;
import dev.blindrelay.registry.PluginOrigin;
import dev.blindrelay.registry.PluginRegistry;
import dev.blindrelay.spi.Aead;
import dev.blindrelay.spi.Plugin;
import dev.blindrelay.suite.CipherSuite;

import java.util.List;

/** {@code blindrelay suites}: the cipher suites found on the classpath, with their parts and providers. */
public final class SuitesCommand implements Command {

    private static final List<String> KEYS = List.of("help");

    @Override
    public String name() {
        return "suites";
    }

    @Override
    public String summary() {
        return "list the cipher suites found (ids, aliases, sizes, providers, jars)";
    }

    @Override
    public int run(String[] args, Console console) {
        Settings settings = Settings.parse(name(), KEYS, args);
        if (settings.helpRequested()) {
            console.out().print(Settings.help("blindrelay suites", "List the cipher-suite plugins found.", KEYS));
            return 0;
        }
        PluginRegistry registry = Plugins.load(console.err());
        List<CipherSuite> suites = registry.suites();
        if (suites.isEmpty()) {
            console.out().println("No cipher suites found: is a suite jar on the classpath?");
            return 1;
        }
        for (CipherSuite suite : suites) {
            Aead aead = suite.aead();
            console.out().println(suite.id() + "  (alias: " + registry.suiteResolver().alias(suite) + ")"
                    + (suite.id().equals(CipherSuite.DEFAULT_ID) ? "  [default]" : ""));
            console.out().println("  key agreement  " + line(suite.keyAgreement(), "public key "
                    + suite.keyAgreement().publicKeyLength() + " B, shared secret "
                    + suite.keyAgreement().sharedSecretLength() + " B"));
            console.out().println("  KDF            " + line(suite.kdf(), "hash " + suite.kdf().hashLength() + " B"));
            console.out().println("  AEAD           " + line(aead, "key " + aead.keyLength() + " B, nonce "
                    + aead.nonceLength() + " B, tag " + aead.tagLength() + " B"));
        }
        console.out().println("Any combination <KA>_<KDF>_<AEAD> of the components above also works with --suite.");
        return 0;
    }

    static String line(Plugin plugin, String sizes) {
        return String.format("%-18s %-40s provider %-22s from %s", plugin.id(), sizes, plugin.provider(),
                PluginOrigin.of(plugin.getClass()));
    }
}
