package dev.blindrelay.cli.e2e;

import dev.blindrelay.cli.Console;
import dev.blindrelay.cli.Main;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A {@code blindrelay client} command running on its own thread, with its input to write and its output to read. */
final class RunningClient {
    final PipedOutputStream input = new PipedOutputStream();
    final ByteArrayOutputStream output = new ByteArrayOutputStream();
    final CompletableFuture<Integer> exit;

    RunningClient(String... args) throws IOException {
        PipedInputStream stdin = new PipedInputStream(input);
        PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8);
        exit = CompletableFuture.supplyAsync(() -> Main.standard().run(args, new Console(stdin, out, out, false)));
    }

    String output() {
        return output.toString(StandardCharsets.UTF_8);
    }

    void type(String line) throws IOException {
        input.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        input.flush();
    }

    String awaitOutput(String text) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (!output().contains(text)) {
            assertThat(System.nanoTime()).as("waiting for '%s' in:%n%s", text, output()).isLessThan(deadline);
            Thread.sleep(20);
        }
        return output();
    }
}
