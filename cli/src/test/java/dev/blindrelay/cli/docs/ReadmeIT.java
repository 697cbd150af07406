package dev.blindrelay.cli.docs;

import dev.blindrelay.cli.launcher.Launched;
import dev.blindrelay.testing.RepoRoot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every shell block of README.md works as written. The blocks run in order, section by section, in a
 * folder that stands for the checkout (it links to the checkout's files, so what the commands write
 * stays in the folder), with a fresh home, on the jar that {@code package} built. The rules:
 * <ul>
 *   <li>A line that starts a relay or an interactive client ({@code ./blindrelay server} or
 *       {@code ./blindrelay client}, nothing piped in) runs in the background until its section
 *       ends, as in another terminal; the next line waits until the relay has started or the client
 *       has joined. When a section starts two clients or more, each must secure a channel.</li>
 *   <li>Every other line must exit with 0.</li>
 *   <li>Ports 5000 and 5001 become free ports: other tests run at the same time.</li>
 *   <li>After {@code <!-- readme-test: long SECONDS -->}, a line still running after SECONDS is
 *       stopped, and passes if it has printed no error by then (benchmarks run for minutes).</li>
 *   <li>After {@code <!-- readme-test: skip REASON -->}, a block is only checked with {@code bash -n}.</li>
 *   <li>{@code bash .ci/run} is not run: it is the command that runs this test.</li>
 * </ul>
 */
class ReadmeIT {

    private static final Pattern MARKER = Pattern.compile("<!-- readme-test: (long|skip) (.+) -->");
    private static final Pattern BACKGROUND = Pattern.compile("\\./blindrelay (server|client)\\b.*");
    private static final Duration START = Duration.ofSeconds(60);
    private static final Duration LINE = Duration.ofMinutes(5);

    /** One {@code ```bash} block: its section, its marker ("long", "skip" or null) with its argument, its lines. */
    record Block(String section, String marker, String argument, List<String> commands) {
    }

    @TempDir
    Path dir;

    @Test
    void everyShellBlockWorksAsWritten() throws Exception {
        Path root = RepoRoot.find();
        Path checkout = linkedCopy(root, dir.resolve("checkout"));
        Path home = Files.createDirectories(dir.resolve("home"));
        Map<String, String> env = new LinkedHashMap<>();
        env.put("HOME", home.toString());
        env.put("BLINDRELAY_JAVA_OPTS", "-Duser.home=" + home); // Java reads its home from the password file

        List<Block> blocks = blocks(Files.readString(root.resolve("README.md")), freePort(), freePort());
        assertThat(blocks).as("README.md's shell blocks").hasSizeGreaterThan(5);
        Map<String, List<Block>> sections = new LinkedHashMap<>();
        blocks.forEach(block -> sections.computeIfAbsent(block.section(), s -> new ArrayList<>()).add(block));
        for (List<Block> section : sections.values()) {
            run(section, checkout, env);
        }
    }

    private static void run(List<Block> section, Path checkout, Map<String, String> env) throws Exception {
        List<Launched> running = new ArrayList<>();
        List<Launched> clients = new ArrayList<>();
        try {
            for (Block block : section) {
                if ("skip".equals(block.marker())) {
                    Launched syntax = Launched.start(checkout, env, List.of("bash", "-n", "-c",
                            String.join("\n", block.commands())));
                    assertThat(syntax.exit(LINE)).as(syntax.output()).isZero();
                    continue;
                }
                for (String command : block.commands()) {
                    Matcher background = BACKGROUND.matcher(command);
                    if (command.split("\\s+#", 2)[0].equals("bash .ci/run")) { // without its comment
                        continue;
                    } else if (background.matches()) {
                        Launched process = Launched.start(checkout, env, List.of("bash", "-c", command));
                        running.add(process);
                        boolean client = background.group(1).equals("client");
                        process.await(client ? "[CLIENT] Joined room" : "[SERVER] Relay started", START);
                        if (client) {
                            clients.add(process);
                        }
                    } else {
                        runToTheEnd(command, block, checkout, env);
                    }
                }
            }
            if (clients.size() >= 2) {
                for (Launched client : clients) {
                    client.await("[SUCCESS] Secure Channel Established!", START);
                }
            }
        } finally {
            for (int i = running.size() - 1; i >= 0; i--) { // clients first, then the relay they use
                running.get(i).close();
            }
        }
        for (Launched process : running) {
            assertThat(process.output()).as(process.toString()).doesNotContain("Exception").doesNotContain("error:");
        }
    }

    private static void runToTheEnd(String command, Block block, Path checkout, Map<String, String> env) throws Exception {
        boolean isLong = "long".equals(block.marker());
        Duration limit = isLong ? Duration.ofSeconds(Long.parseLong(block.argument().split(" ")[0])) : LINE;
        long start = System.nanoTime();
        try (Launched line = Launched.start(checkout, env, List.of("bash", "-c", command))) {
            boolean ended = line.waitFor(limit);
            System.out.printf("[readme] %5.1f s %s %s%n", (System.nanoTime() - start) / 1e9, ended ? "ran" : "stopped", line);
            if (ended) {
                assertThat(line.exitValue()).as("%s in '%s':%n%s", line, block.section(), line.output()).isZero();
            } else {
                assertThat(isLong).as("%s still runs after %s:%n%s", line, limit, line.output()).isTrue();
                assertThat(line.output()).as(line.toString()).doesNotContain("error:").doesNotContain("Exception");
            }
        }
    }

    /** The README's {@code ```bash} blocks, with continued lines joined and comment lines dropped. */
    static List<Block> blocks(String readme, int port, int wsPort) {
        List<Block> blocks = new ArrayList<>();
        String section = "(top)";
        String previous = "";
        List<String> commands = null;
        StringBuilder continued = new StringBuilder();
        for (String line : readme.split("\n")) {
            if (commands == null) {
                if (line.startsWith("## ")) {
                    section = line.substring(3);
                }
                if (line.equals("```bash")) {
                    commands = new ArrayList<>();
                } else {
                    previous = line;
                }
            } else if (line.equals("```")) {
                Matcher marker = MARKER.matcher(previous);
                blocks.add(marker.matches() ? new Block(section, marker.group(1), marker.group(2), commands)
                        : new Block(section, null, null, commands));
                commands = null;
            } else if (line.endsWith("\\")) {
                continued.append(line, 0, line.length() - 1);
            } else {
                String command = (continued + line).strip();
                continued.setLength(0);
                if (!command.isEmpty() && !command.startsWith("#")) {
                    commands.add(command.replaceAll("\\b5000\\b", String.valueOf(port))
                            .replaceAll("\\b5001\\b", String.valueOf(wsPort)));
                }
            }
        }
        return blocks;
    }

    /** A folder of links to everything in {@code root}: commands see the checkout, and write here. */
    private static Path linkedCopy(Path root, Path copy) throws IOException {
        Files.createDirectories(copy);
        try (Stream<Path> entries = Files.list(root)) {
            for (Path entry : entries.toList()) {
                Files.createSymbolicLink(copy.resolve(entry.getFileName()), entry);
            }
        }
        return copy;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
