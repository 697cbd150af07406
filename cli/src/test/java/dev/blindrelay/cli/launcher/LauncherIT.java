package dev.blindrelay.cli.launcher;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code blindrelay} launcher runs an immutable copy of the jar: a relay and two clients started
 * through it keep working after the jar in {@code cli/target} is rebuilt in place, and the launcher
 * removes old copies that nobody runs, never one in use. Runs after {@code package}, on the real jar.
 */
class LauncherIT {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    void aRunningRelayAndClientsSurviveARebuild_andOnlyUnusedCopiesAreRemoved() throws Exception {
        Path checkout = Files.createDirectories(dir.resolve("checkout/cli/target")).getParent().getParent();
        Path launcher = Files.copy(Path.of("..", "blindrelay"), checkout.resolve("blindrelay"));
        Path jar = Files.copy(Path.of("target", "blindrelay.jar"), checkout.resolve("cli/target/blindrelay.jar"));
        Path cache = dir.resolve("cache/blindrelay");
        Map<String, String> env = Map.of("XDG_CACHE_HOME", cache.getParent().toString(),
                "BLINDRELAY_JAVA_OPTS", "-XX:+UseSerialGC -XX:TieredStopAtLevel=1");
        String home = dir.resolve("home").toString();

        try (Launched relay = Launched.launcher(launcher, env, "server", "--host", "127.0.0.1", "--port", "0")) {
            String port = port(relay.await("[SERVER] Relay started", WAIT));
            try (Launched alice = Launched.launcher(launcher, env, "client", "--port", port, "--name", "Alice", "--home", home);
                 Launched bob = Launched.launcher(launcher, env, "client", "--port", port, "--name", "Bob", "--home", home)) {
                alice.await("[SUCCESS] Secure Channel Established!", WAIT);
                bob.await("[SUCCESS] Secure Channel Established!", WAIT);
                Path inUse = single(cache);

                rebuildInPlace(jar);
                Path unused = Files.createDirectories(cache.resolve("00000000000000ff"));
                Files.write(unused.resolve("blindrelay.jar"), new byte[]{1});
                try (Launched suites = Launched.launcher(launcher, env, "suites")) {
                    assertThat(suites.exit(WAIT)).as(suites.output()).isZero();
                }
                try (Stream<Path> copies = Files.list(cache)) {
                    assertThat(copies.map(p -> p.getFileName().toString()))
                            .as("the new build's copy and the one in use; the unused one is gone")
                            .hasSize(2).contains(inUse.getFileName().toString())
                            .doesNotContain(unused.getFileName().toString());
                }

                // SafetyNumber is loaded only now, from the jar the client started with.
                alice.type("/verify Bob");
                assertThat(alice.await("Safety number", WAIT)).doesNotContain("NoClassDefFoundError");
                alice.type("still here after the rebuild");
                bob.await("Alice > still here after the rebuild", WAIT);
                alice.closeInput();
                bob.closeInput();
                assertThat(alice.exit(WAIT)).as(alice.output()).isZero();
                assertThat(bob.exit(WAIT)).as(bob.output()).isZero();
            }
            assertThat(relay.isAlive()).as(relay.output()).isTrue();
        }
    }

    /** What a build does to a running JVM's jar: new bytes written into the same file. */
    private static void rebuildInPlace(Path jar) throws IOException {
        ByteArrayOutputStream rebuilt = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(jar));
             ZipOutputStream out = new ZipOutputStream(rebuilt)) {
            out.putNextEntry(new ZipEntry("rebuilt.txt")); // shifts every later entry
            out.write("a later build".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                out.putNextEntry(new ZipEntry(entry.getName()));
                in.transferTo(out);
            }
        }
        Files.write(jar, rebuilt.toByteArray()); // truncates and rewrites the same file
    }

    private static Path single(Path cache) throws IOException {
        try (Stream<Path> copies = Files.list(cache)) {
            List<Path> all = copies.toList();
            assertThat(all).as("one cached copy of the jar").hasSize(1);
            assertThat(all.get(0).resolve("blindrelay.jar")).exists();
            return all.get(0);
        }
    }

    private static String port(String relayOutput) {
        Matcher matcher = Pattern.compile("Relay started on 127\\.0\\.0\\.1:(\\d+)").matcher(relayOutput);
        assertThat(matcher.find()).as(relayOutput).isTrue();
        return matcher.group(1);
    }
}
