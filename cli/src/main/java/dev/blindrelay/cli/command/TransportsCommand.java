package dev.blindrelay.cli.command;

import dev.blindrelay.cli.Command;
import dev.blindrelay.cli.Console;
import dev.blindrelay.cli.Plugins;
import dev.blindrelay.cli.config.Settings;
import dev.blindrelay.registry.PluginOrigin;
import dev.blindrelay.registry.PluginRegistry;
import dev.blindrelay.spi.Transport;

import java.util.List;

/** {@code blindrelay transports}: the transports found on the classpath. */
public final class TransportsCommand implements Command {

    private static final List<String> KEYS = List.of("help");

    @Override
    public String name() {
        return "transports";
    }

    @Override
    public String summary() {
        return "list the transports found (ids, descriptions, jars)";
    }

    @Override
    public int run(String[] args, Console console) {
        Settings settings = Settings.parse(name(), KEYS, args);
        if (settings.helpRequested()) {
            console.out().print(Settings.help("blindrelay transports", "List the transport plugins found.", KEYS));
            return 0;
        }
        PluginRegistry registry = Plugins.load(console.err());
        if (registry.transports().all().isEmpty()) {
            console.out().println("No transports found: is a transport jar on the classpath?");
            return 1;
        }
        for (Transport transport : registry.transports().all()) {
            console.out().println(String.format("%-6s %-55s provider %-12s from %s", transport.id(),
                    transport.description(), transport.provider(), PluginOrigin.of(transport.getClass())));
        }
        return 0;
    }
}
