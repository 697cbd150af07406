package dev.blindrelay.identity;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Pinned identity keys, trust on first use, like SSH's known_hosts. One line per peer:
 * {@code <name> ed25519 <base64 key> <pinned|verified> <first seen, ISO-8601>}.
 * A pinned key is never replaced silently: only {@link #trust} replaces it, on the user's command.
 * A path of {@code null} keeps pins in memory only (demo and tests).
 */
public final class KnownPeers {

    private final Path file;
    private final Map<String, Entry> entries = new LinkedHashMap<>();

    private KnownPeers(Path file) {
        this.file = file;
    }

    public static KnownPeers open(Path file) throws IOException {
        KnownPeers peers = new KnownPeers(file);
        if (file != null && Files.isRegularFile(file)) {
            int lineNumber = 0;
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                lineNumber++;
                String trimmed = line.strip();
                if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                    continue;
                }
                String[] fields = trimmed.split("\\s+");
                try {
                    if (fields.length != 5 || !fields[1].equals("ed25519")) {
                        throw new IllegalArgumentException("expected 5 fields");
                    }
                    byte[] key = Base64.getDecoder().decode(fields[2]);
                    if (key.length != IdentityKeyPair.PUBLIC_KEY_LENGTH) {
                        throw new IllegalArgumentException("the key is " + key.length + " bytes, not "
                                + IdentityKeyPair.PUBLIC_KEY_LENGTH);
                    }
                    peers.entries.put(fields[0], new Entry(key, fields[3].equals("verified"), Instant.parse(fields[4])));
                } catch (RuntimeException e) {
                    throw new IOException(file + " line " + lineNumber + " is damaged (" + e.getMessage()
                            + "); fix or delete that line");
                }
            }
        }
        return peers;
    }

    public static KnownPeers inMemory() {
        return new KnownPeers(null);
    }

    /** Compares {@code key} with the pin for {@code name}, pinning it on first contact. */
    public synchronized Check check(String name, byte[] key) throws IOException {
        Entry entry = entries.get(name);
        if (entry == null) {
            entries.put(name, new Entry(key.clone(), false, Instant.now()));
            save();
            return Check.PINNED_NOW;
        }
        if (!Arrays.equals(entry.key, key)) {
            return Check.MISMATCH;
        }
        return entry.verified ? Check.VERIFIED : Check.MATCHES;
    }

    /** The user accepted a new key for {@code name} (after a mismatch warning). */
    public synchronized void trust(String name, byte[] key) throws IOException {
        entries.put(name, new Entry(key.clone(), false, Instant.now()));
        save();
    }

    /** The user compared the safety number with {@code name} out of band. */
    public synchronized void markVerified(String name, byte[] key) throws IOException {
        Entry entry = entries.get(name);
        if (entry == null || !Arrays.equals(entry.key, key)) {
            throw new IllegalStateException("the key of " + name + " is not pinned; nothing to mark verified");
        }
        entries.put(name, new Entry(entry.key, true, entry.firstSeen));
        save();
    }

    public synchronized boolean isVerified(String name) {
        Entry entry = entries.get(name);
        return entry != null && entry.verified;
    }

    private void save() throws IOException {
        if (file == null) {
            return;
        }
        StringBuilder text = new StringBuilder("# BlindRelay pinned identity keys: name ed25519 key status first-seen\n");
        for (Map.Entry<String, Entry> e : entries.entrySet()) {
            Entry entry = e.getValue();
            text.append(e.getKey()).append(" ed25519 ").append(Base64.getEncoder().encodeToString(entry.key))
                    .append(entry.verified ? " verified " : " pinned ").append(entry.firstSeen).append('\n');
        }
        OwnerOnlyFiles.write(file, text.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The outcome of comparing a presented key with the pin. */
    public enum Check {
        /** First contact: the key is now pinned. */
        PINNED_NOW,
        /** Same key as pinned. */
        MATCHES,
        /** Same key as pinned, and the user verified the safety number earlier. */
        VERIFIED,
        /** A different key than pinned: possible man in the middle. */
        MISMATCH
    }

    private record Entry(byte[] key, boolean verified, Instant firstSeen) {
    }
}
