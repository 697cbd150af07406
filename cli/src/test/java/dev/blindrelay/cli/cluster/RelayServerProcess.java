package dev.blindrelay.cli.cluster;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code blindrelay server --nats ...} in a JVM of its own, so that a test can kill it as a crash would. */
final class RelayServerProcess implements AutoCloseable {

    private static final Pattern STARTED = Pattern.compile("\\[SERVER] Relay started on [^:]+:(\\d+)");

    private final Process process;
    private final InetSocketAddress address;
    final List<String> output = Collections.synchronizedList(new ArrayList<>());

    private RelayServerProcess(Process process, InetSocketAddress address) {
        this.process = process;
        this.address = address;
    }

    static RelayServerProcess start(String natsUrls) throws Exception {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.blindrelay.cli.Main", "server",
                "--host", "127.0.0.1", "--port", "0", "--nats", natsUrls);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        CompletableFuture<Integer> port = new CompletableFuture<>();
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    lines.add(line);
                    Matcher matcher = STARTED.matcher(line);
                    if (matcher.find()) {
                        port.complete(Integer.parseInt(matcher.group(1)));
                    }
                }
            } catch (IOException e) {
                // the process ended
            }
            port.completeExceptionally(new IOException("relay exited before starting: " + lines));
        }, "relay-output");
        reader.setDaemon(true);
        reader.start();
        try {
            RelayServerProcess relay = new RelayServerProcess(process,
                    new InetSocketAddress("127.0.0.1", port.get(60, TimeUnit.SECONDS)));
            relay.output.addAll(lines);
            return relay;
        } catch (Exception e) {
            process.destroyForcibly();
            throw e;
        }
    }

    InetSocketAddress address() {
        return address;
    }

    /** SIGKILL: no goodbye to the clients or the cluster. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            kill();
        }
    }
}
