package dev.blindrelay.identity;

import dev.blindrelay.wire.Names;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * Where one user's identity lives: {@code <home>/<name>/identity.key} (the Ed25519 seed, mode 600)
 * and {@code <home>/<name>/known_peers}. One folder per name, so Alice and Bob on one machine (as in
 * the three-terminal demo) still have separate keys.
 */
public final class IdentityStore {

    public static final String KEY_FILE = "identity.key";
    public static final String KNOWN_PEERS_FILE = "known_peers";

    private final Path directory;

    /** @throws IllegalArgumentException when {@code name} is not a valid name ({@link Names}) */
    public IdentityStore(Path home, String name) {
        Names.require("name", name);
        this.directory = home.resolve(name);
        // A valid name is one plain folder name; check anyway, so that nothing is ever written outside home.
        if (!home.equals(directory.getParent()) || !directory.normalize().startsWith(home.normalize())) {
            throw new IllegalArgumentException("name '" + name + "' does not make a folder inside " + home);
        }
    }

    /** {@code ~/.blindrelay}: the default home. */
    public static Path defaultHome() {
        return Path.of(System.getProperty("user.home"), ".blindrelay");
    }

    public Path directory() {
        return directory;
    }

    public Path keyFile() {
        return directory.resolve(KEY_FILE);
    }

    public boolean exists() {
        return Files.isRegularFile(keyFile());
    }

    /** Loads the identity, creating it on first use. */
    public Loaded loadOrCreate(SecureRandom random) throws IOException {
        if (exists()) {
            return new Loaded(load(), false);
        }
        return new Loaded(create(random), true);
    }

    public IdentityKeyPair load() throws IOException {
        List<String> lines = Files.readAllLines(keyFile(), StandardCharsets.US_ASCII);
        for (String line : lines) {
            String trimmed = line.strip();
            if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
                byte[] seed;
                try {
                    seed = HexFormat.of().parseHex(trimmed);
                    return IdentityKeyPair.fromPrivateKey(seed);
                } catch (IllegalArgumentException e) {
                    throw new IOException("identity key file " + keyFile() + " is damaged (" + e.getMessage()
                            + "); move it away and run 'blindrelay keygen'");
                }
            }
        }
        throw new IOException("identity key file " + keyFile() + " holds no key; move it away and run 'blindrelay keygen'");
    }

    /** Creates a new identity, replacing any existing one. */
    public IdentityKeyPair create(SecureRandom random) throws IOException {
        IdentityKeyPair identity = IdentityKeyPair.generate(random);
        byte[] seed = identity.privateKey();
        String text = "# BlindRelay identity key (Ed25519 private seed). Keep it secret; never share this file.\n"
                + HexFormat.of().formatHex(seed) + "\n";
        Arrays.fill(seed, (byte) 0);
        OwnerOnlyFiles.createDirectories(directory.getParent());
        OwnerOnlyFiles.write(keyFile(), text.getBytes(StandardCharsets.US_ASCII));
        return identity;
    }

    public KnownPeers knownPeers() throws IOException {
        return KnownPeers.open(directory.resolve(KNOWN_PEERS_FILE));
    }

    /** An identity and whether it was created just now. */
    public record Loaded(IdentityKeyPair identity, boolean created) {
    }
}
