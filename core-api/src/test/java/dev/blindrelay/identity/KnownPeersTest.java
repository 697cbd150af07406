package dev.blindrelay.identity;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class KnownPeersTest {

    private static final byte[] KEY = key(1);
    private static final byte[] OTHER = key(2);

    @TempDir
    Path dir;

    private static byte[] key(int value) {
        byte[] key = new byte[32];
        key[0] = (byte) value;
        key[31] = (byte) (value * 3);
        return key;
    }

    private Path file() {
        return dir.resolve("known_peers");
    }

    @Test
    void check_firstContactPinsThenMatches() throws Exception {
        KnownPeers peers = KnownPeers.open(file());
        assertThat(peers.check("bob", KEY)).isEqualTo(KnownPeers.Check.PINNED_NOW);
        assertThat(peers.check("bob", KEY)).isEqualTo(KnownPeers.Check.MATCHES);
        assertThat(KnownPeers.open(file()).check("bob", KEY)).isEqualTo(KnownPeers.Check.MATCHES);
    }

    @Test
    void check_differentKeyIsAMismatchAndNeverReplacesThePin() throws Exception {
        KnownPeers peers = KnownPeers.open(file());
        peers.check("bob", KEY);
        assertThat(peers.check("bob", OTHER)).isEqualTo(KnownPeers.Check.MISMATCH);
        assertThat(peers.check("bob", OTHER)).isEqualTo(KnownPeers.Check.MISMATCH);
        assertThat(peers.check("bob", KEY)).isEqualTo(KnownPeers.Check.MATCHES);
        KnownPeers reopened = KnownPeers.open(file());
        assertThat(reopened.check("bob", OTHER)).isEqualTo(KnownPeers.Check.MISMATCH);
        assertThat(reopened.check("bob", KEY)).isEqualTo(KnownPeers.Check.MATCHES);
    }

    @Test
    void check_pinsArePerName() throws Exception {
        KnownPeers peers = KnownPeers.open(file());
        peers.check("bob", KEY);
        assertThat(peers.check("carol", OTHER)).isEqualTo(KnownPeers.Check.PINNED_NOW);
        assertThat(peers.check("bob", KEY)).isEqualTo(KnownPeers.Check.MATCHES);
    }

    @Test
    void check_keepsACopyOfTheKey() throws Exception {
        KnownPeers peers = KnownPeers.inMemory();
        byte[] key = KEY.clone();
        peers.check("bob", key);
        key[5] ^= 1;
        assertThat(peers.check("bob", KEY)).isEqualTo(KnownPeers.Check.MATCHES);
    }

    @Test
    void trust_replacesThePin() throws Exception {
        KnownPeers peers = KnownPeers.open(file());
        peers.check("bob", KEY);
        peers.trust("bob", OTHER);
        assertThat(peers.check("bob", OTHER)).isEqualTo(KnownPeers.Check.MATCHES);
        assertThat(peers.check("bob", KEY)).isEqualTo(KnownPeers.Check.MISMATCH);
        assertThat(KnownPeers.open(file()).check("bob", OTHER)).isEqualTo(KnownPeers.Check.MATCHES);
    }

    @Test
    void trust_dropsAnEarlierVerification() throws Exception {
        KnownPeers peers = KnownPeers.open(file());
        peers.check("bob", KEY);
        peers.markVerified("bob", KEY);
        peers.trust("bob", OTHER);
        assertThat(peers.isVerified("bob")).isFalse();
    }

    @Test
    void markVerified_persistedAcrossReopen() throws Exception {
        KnownPeers peers = KnownPeers.open(file());
        peers.check("bob", KEY);
        peers.check("carol", OTHER);
        peers.markVerified("bob", KEY);
        assertThat(peers.check("bob", KEY)).isEqualTo(KnownPeers.Check.VERIFIED);

        KnownPeers reopened = KnownPeers.open(file());
        assertThat(reopened.isVerified("bob")).isTrue();
        assertThat(reopened.isVerified("carol")).isFalse();
        assertThat(reopened.check("bob", KEY)).isEqualTo(KnownPeers.Check.VERIFIED);
        assertThat(reopened.check("bob", OTHER)).isEqualTo(KnownPeers.Check.MISMATCH);
        assertThat(Files.readString(file())).contains("bob ed25519 ").contains(" verified ").contains(" pinned ");
    }

    @Test
    void markVerified_unpinnedOrOtherKeyRefused() throws Exception {
        KnownPeers peers = KnownPeers.open(file());
        assertThatThrownBy(() -> peers.markVerified("bob", KEY)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("bob");
        peers.check("bob", KEY);
        assertThatThrownBy(() -> peers.markVerified("bob", OTHER)).isInstanceOf(IllegalStateException.class);
        assertThat(peers.isVerified("bob")).isFalse();
    }

    @Test
    void open_damagedLineNamedWithItsNumber() throws Exception {
        KnownPeers peers = KnownPeers.open(file());
        peers.check("bob", KEY);
        List<String> lines = new ArrayList<>(Files.readAllLines(file()));
        lines.add("");
        lines.add("carol ed25519 not*base64 pinned 2026-01-01T00:00:00Z");
        Files.write(file(), lines);
        int damaged = lines.size();
        assertThatThrownBy(() -> KnownPeers.open(file()))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(file().toString())
                .hasMessageContaining("line " + damaged)
                .hasMessageContaining("damaged");
    }

    @Test
    void open_wrongFieldCountOrAlgorithmOrDateIsDamaged() throws Exception {
        for (String line : new String[] {"bob ed25519 AAAA pinned", "bob rsa AAAA pinned 2026-01-01T00:00:00Z",
                "bob ed25519 AAAA pinned yesterday", "bob ed25519 AAAA pinned 2026-01-01T00:00:00Z extra"}) {
            Files.writeString(file(), "# header\n" + line + "\n");
            assertThatThrownBy(() -> KnownPeers.open(file())).as(line)
                    .isInstanceOf(IOException.class).hasMessageContaining("line 2");
        }
    }

    @Test
    void open_missingFileIsEmpty() throws Exception {
        assertThat(KnownPeers.open(dir.resolve("absent")).check("bob", KEY)).isEqualTo(KnownPeers.Check.PINNED_NOW);
    }

    @Test
    void save_fileMode600() throws Exception {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "POSIX file system");
        KnownPeers.open(file()).check("bob", KEY);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file()))).isEqualTo("rw-------");
    }

    @Test
    void inMemory_writesNothing() throws Exception {
        KnownPeers peers = KnownPeers.inMemory();
        assertThat(peers.check("bob", KEY)).isEqualTo(KnownPeers.Check.PINNED_NOW);
        assertThat(peers.check("bob", OTHER)).isEqualTo(KnownPeers.Check.MISMATCH);
        try (var files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }
}
