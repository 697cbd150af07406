package dev.blindrelay.cli.e2e;

import dev.blindrelay.cli.Console;
import dev.blindrelay.cli.Main;
import dev.blindrelay.cli.command.ServerCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real {@code blindrelay server} and two real {@code blindrelay client} commands, with standard
 * input as a pipe (as a script would drive them), in one JVM for speed.
 */
class CommandLineChatTest {

    @TempDir
    Path home;

    @Test
    void pipedClients_handshakeChatVerifyAndLeave() throws Exception {
        ByteArrayOutputStream serverLog = new ByteArrayOutputStream();
        PrintStream serverOut = new PrintStream(serverLog, true, StandardCharsets.UTF_8);
        String[] serverArgs = {"--host", "127.0.0.1", "--port", "0", "--verbose"};
        try (var relay = ServerCommand.start(serverOptions(serverArgs), transports(), new Console(null, serverOut, serverOut, false))) {
            String port = String.valueOf(relay.address().getPort());
            assertThat(serverLog.toString(StandardCharsets.UTF_8)).contains("[SERVER] Relay started on 127.0.0.1:" + port);

            RunningClient alice = new RunningClient("client", "--port", port, "--name", "Alice", "--home", home.toString());
            alice.awaitOutput("Waiting for someone else to join");
            RunningClient bob = new RunningClient("client", "--port", port, "--name", "Bob", "--home", home.toString());

            String aliceSays = alice.awaitOutput("[SUCCESS] Secure Channel Established!");
            String bobSays = bob.awaitOutput("[SUCCESS] Secure Channel Established!");
            assertThat(aliceSays).contains("[CLIENT] Generating ECDH keys...").contains("[CLIENT] Exchanging public keys...");
            assertThat(safetyCode(alice.awaitOutput("Safety code with Bob"))).isEqualTo(safetyCode(bobSays));

            alice.type("Hello Bob, this is Alice");
            bob.awaitOutput("Alice > Hello Bob, this is Alice");
            alice.awaitOutput("\u2713 delivered to Bob");
            bob.type("/verify Alice");
            bob.awaitOutput("Safety number");
            bob.type("Hi Alice");
            alice.awaitOutput("Bob > Hi Alice");

            bob.type("/exit");
            assertThat(bob.exit.get(15, TimeUnit.SECONDS)).isZero();
            alice.awaitOutput("Bob left the room");
            alice.input.close();
            assertThat(alice.exit.get(15, TimeUnit.SECONDS)).isZero();

            String relaySaw = serverLog.toString(StandardCharsets.UTF_8);
            assertThat(relaySaw).contains("[RELAY] DATA").contains("Alice -> Bob").contains("HANDSHAKE_INIT");
            assertThat(relaySaw).doesNotContain("Hello Bob").doesNotContain("Hi Alice");
        }
    }

    @Test
    void secondClientWithATakenName_isRefusedWithTheReason() throws Exception {
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        try (var relay = ServerCommand.start(serverOptions("--host", "127.0.0.1", "--port", "0"), transports(),
                new Console(null, quiet, quiet, false))) {
            String port = String.valueOf(relay.address().getPort());
            RunningClient alice = new RunningClient("client", "--port", port, "--name", "Alice", "--home", home.toString());
            alice.awaitOutput("Waiting for someone else to join");
            RunningClient impostor = new RunningClient("client", "--port", port, "--name", "Alice", "--home",
                    home.resolve("other").toString());
            assertThat(impostor.exit.get(15, TimeUnit.SECONDS)).isEqualTo(1);
            assertThat(impostor.output()).contains("error: the relay refused: name 'Alice' is already taken in room 'lobby'");
            alice.input.close();
            alice.exit.get(15, TimeUnit.SECONDS);
        }
    }

    private static String safetyCode(String output) {
        Matcher matcher = Pattern.compile("Safety code with \\w+: (\\d{4} \\d{4} \\d{4})").matcher(output);
        assertThat(matcher.find()).as("a safety code in:%n%s", output).isTrue();
        return matcher.group(1);
    }

    private static dev.blindrelay.cli.command.ServerOptions serverOptions(String... args) {
        return dev.blindrelay.cli.command.ServerOptions.parse(args);
    }

    private static java.util.List<dev.blindrelay.spi.Transport> transports() {
        return java.util.List.of(Plugins.REGISTRY.transports().get("tcp"));
    }
}
