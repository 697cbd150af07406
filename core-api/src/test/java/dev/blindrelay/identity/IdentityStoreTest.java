package dev.blindrelay.identity;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class IdentityStoreTest {

    private static final SecureRandom RANDOM = new SecureRandom();

    @TempDir
    Path home;

    private static String mode(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    @Test
    void load_returnsTheCreatedIdentity() throws Exception {
        IdentityKeyPair created = new IdentityStore(home, "alice").create(RANDOM);
        IdentityKeyPair loaded = new IdentityStore(home, "alice").load();
        assertThat(loaded).isEqualTo(created);
        assertThat(loaded.privateKey()).isEqualTo(created.privateKey());
    }

    @ParameterizedTest
    @ValueSource(strings = {"..", ".", "../escaped", "a/b", "/etc", "has space", ""})
    void aNameThatIsNotOneFolderInsideHome_isRefusedBeforeAnythingIsWritten(String name) throws Exception {
        Path inner = home.resolve("inner");
        assertThatThrownBy(() -> new IdentityStore(inner, name)).isInstanceOf(IllegalArgumentException.class);
        try (var files = Files.walk(home)) {
            assertThat(files).containsExactly(home);
        }
    }

    @Test
    void loadOrCreate_createsOnceThenLoads() throws Exception {
        IdentityStore store = new IdentityStore(home, "alice");
        assertThat(store.exists()).isFalse();
        IdentityStore.Loaded first = store.loadOrCreate(RANDOM);
        assertThat(first.created()).isTrue();
        assertThat(store.exists()).isTrue();
        IdentityStore.Loaded second = store.loadOrCreate(RANDOM);
        assertThat(second.created()).isFalse();
        assertThat(second.identity()).isEqualTo(first.identity());
    }

    @Test
    void create_fileMode600AndDirectoriesMode700() throws Exception {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "POSIX file system");
        Path blindrelayHome = home.resolve(".blindrelay");
        IdentityStore store = new IdentityStore(blindrelayHome, "alice");
        store.create(RANDOM);
        assertThat(mode(store.keyFile())).isEqualTo("rw-------");
        assertThat(mode(store.directory())).isEqualTo("rwx------");
        assertThat(mode(blindrelayHome)).isEqualTo("rwx------");
        assertThat(store.keyFile()).isEqualTo(blindrelayHome.resolve("alice").resolve(IdentityStore.KEY_FILE));
    }

    @Test
    void create_leavesNoTemporaryFile() throws Exception {
        IdentityStore store = new IdentityStore(home, "alice");
        store.create(RANDOM);
        try (var files = Files.list(store.directory())) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly(IdentityStore.KEY_FILE);
        }
    }

    @Test
    void create_replacesAnExistingIdentity() throws Exception {
        IdentityStore store = new IdentityStore(home, "alice");
        IdentityKeyPair first = store.create(RANDOM);
        IdentityKeyPair second = store.create(RANDOM);
        assertThat(second).isNotEqualTo(first);
        assertThat(store.load()).isEqualTo(second);
    }

    @Test
    void create_fileHoldsACommentAndTheHexSeed() throws Exception {
        IdentityStore store = new IdentityStore(home, "alice");
        IdentityKeyPair identity = store.create(RANDOM);
        String text = Files.readString(store.keyFile(), StandardCharsets.US_ASCII);
        assertThat(text).startsWith("#").contains(java.util.HexFormat.of().formatHex(identity.privateKey()));
    }

    @Test
    void directory_perNameKeepsIdentitiesApart() throws Exception {
        IdentityKeyPair alice = new IdentityStore(home, "alice").create(RANDOM);
        IdentityKeyPair bob = new IdentityStore(home, "bob").create(RANDOM);
        assertThat(alice).isNotEqualTo(bob);
        assertThat(new IdentityStore(home, "alice").load()).isEqualTo(alice);
        assertThat(new IdentityStore(home, "bob").load()).isEqualTo(bob);
        assertThat(new IdentityStore(home, "alice").directory()).isNotEqualTo(new IdentityStore(home, "bob").directory());
    }

    @Test
    void load_damagedHexGivesAClearMessage() throws Exception {
        IdentityStore store = new IdentityStore(home, "alice");
        store.create(RANDOM);
        Files.writeString(store.keyFile(), "# key\nnot-hex-at-all\n");
        assertThatThrownBy(store::load)
                .isInstanceOf(IOException.class)
                .hasMessageContaining(store.keyFile().toString())
                .hasMessageContaining("damaged")
                .hasMessageContaining("keygen");
    }

    @Test
    void load_wrongSeedLengthIsDamaged() throws Exception {
        IdentityStore store = new IdentityStore(home, "alice");
        store.create(RANDOM);
        Files.writeString(store.keyFile(), "abcd\n");
        assertThatThrownBy(store::load).isInstanceOf(IOException.class).hasMessageContaining("damaged")
                .hasMessageContaining("got 2");
    }

    @Test
    void load_fileWithoutKeySaysSo() throws Exception {
        IdentityStore store = new IdentityStore(home, "alice");
        store.create(RANDOM);
        Files.writeString(store.keyFile(), "# only a comment\n\n");
        assertThatThrownBy(store::load).isInstanceOf(IOException.class).hasMessageContaining("holds no key");
    }

    @Test
    void load_missingFileIsAnIOException() {
        assertThatThrownBy(() -> new IdentityStore(home, "nobody").load()).isInstanceOf(IOException.class);
    }

    @Test
    void knownPeers_liveNextToTheKey() throws Exception {
        IdentityStore store = new IdentityStore(home, "alice");
        store.create(RANDOM);
        store.knownPeers().check("bob", new byte[32]);
        assertThat(store.directory().resolve(IdentityStore.KNOWN_PEERS_FILE)).isRegularFile();
    }
}
