package dev.blindrelay.cli.chat;

import dev.blindrelay.client.ChatClient;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * Standard input from a pipe or file, for scripts. Before the first message it waits until a peer
 * is secured (at most {@code --wait}), and at the end of input waits (briefly) for every message to
 * be acknowledged, so that nothing is cut off.
 */
public final class PipedChat implements ChatOutput {

    private final PrintStream out;
    private final InputStream in;

    public PipedChat(InputStream in, PrintStream out) {
        this.in = in;
        this.out = out;
    }

    @Override
    public synchronized void print(String lines) {
        out.println(lines);
        out.flush();
    }

    /** @return false when nobody was there to send the first message to within {@code wait} */
    public boolean run(ChatClient client, Predicate<String> handler, Duration wait) throws IOException {
        BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        boolean sent = false;
        String line;
        while ((line = lines.readLine()) != null) {
            // A script's first line usually comes before anyone else joined: wait for a peer, once.
            if (!sent && ChatCommands.isMessage(line)) {
                if (!waitFor(() -> client.securedPeers() > 0, wait)) {
                    return false;
                }
                sent = true;
            }
            if (!handler.test(line)) {
                break;
            }
        }
        waitFor(() -> client.pendingDeliveries() == 0, Duration.ofSeconds(5));
        return true;
    }

    private static boolean waitFor(BooleanSupplier condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }
}
