package dev.blindrelay.cli.command;

import dev.blindrelay.cli.Command;
import dev.blindrelay.cli.Console;
import dev.blindrelay.cli.UsageException;
import dev.blindrelay.cli.config.Settings;
import dev.blindrelay.identity.Fingerprint;
import dev.blindrelay.identity.IdentityKeyPair;
import dev.blindrelay.identity.IdentityStore;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;

/** {@code blindrelay keygen --name NAME}: creates the long-term identity key. */
public final class KeygenCommand implements Command {

    private static final List<String> KEYS = List.of("config", "name", "home", "force", "help");

    @Override
    public String name() {
        return "keygen";
    }

    @Override
    public String summary() {
        return "create your long-term identity key (done automatically on first run)";
    }

    @Override
    public int run(String[] args, Console console) throws Exception {
        Settings settings = Settings.parse(name(), KEYS, args);
        if (settings.helpRequested()) {
            console.out().print(Settings.help("blindrelay keygen --name NAME [--home DIR] [--force]",
                    "Create the Ed25519 identity key that signs your handshakes.", KEYS));
            return 0;
        }
        String name = settings.name("name");
        String home = settings.get("home");
        IdentityStore store = new IdentityStore(home == null ? IdentityStore.defaultHome() : Path.of(home), name);
        if (store.exists() && !settings.flag("force")) {
            throw new UsageException("an identity key already exists in " + store.keyFile()
                    + "; pass --force to replace it (your peers will then see a key-change warning)");
        }
        IdentityKeyPair identity = store.create(new SecureRandom());
        console.out().println("[KEYGEN] Created an Ed25519 identity key in " + store.keyFile() + " (owner-only)");
        console.out().println("[KEYGEN] Fingerprint: " + Fingerprint.hex(identity.publicKey()));
        return 0;
    }
}
