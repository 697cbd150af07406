package dev.blindrelay.relay.nats;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Real nats-server processes on free ports of 127.0.0.1 for tests, with JetStream: one node, or a cluster
 * with routes. Fails (never skips) when nats-server is not installed: {@code bash .ci/run} installs it.
 */
public final class NatsServers implements AutoCloseable {

    /** One server process. */
    public static final class Node {
        final String name;
        final int port;
        final int clusterPort;
        final Path store;
        Process process;

        Node(String name, int port, int clusterPort, Path store) {
            this.name = name;
            this.port = port;
            this.clusterPort = clusterPort;
            this.store = store;
        }

        public String url() {
            return "nats://127.0.0.1:" + port;
        }

        public int port() {
            return port;
        }

        public boolean isAlive() {
            return process != null && process.isAlive();
        }
    }

    private final List<Node> nodes = new ArrayList<>();
    private final Path root;

    private NatsServers(Path root) {
        this.root = root;
    }

    /** One node. */
    public static NatsServers single() throws IOException {
        return cluster(1);
    }

    /** {@code size} nodes routed to each other (a full mesh, as NATS forms it). */
    public static NatsServers cluster(int size) throws IOException {
        NatsServers servers = new NatsServers(Files.createTempDirectory("nats-test"));
        try {
            for (int i = 0; i < size; i++) {
                servers.nodes.add(new Node("n" + i, freePort(), size > 1 ? freePort() : 0,
                        servers.root.resolve("n" + i)));
            }
            for (Node node : servers.nodes) {
                servers.start(node);
            }
            for (Node node : servers.nodes) {
                awaitPort(node);
            }
            return servers;
        } catch (IOException | RuntimeException e) {
            servers.close();
            throw e;
        }
    }

    private void start(Node node) throws IOException {
        List<String> command = new ArrayList<>(List.of(executable(), "-a", "127.0.0.1", "-p",
                String.valueOf(node.port), "-js", "-sd", node.store.toString(), "-n", node.name));
        if (node.clusterPort != 0) {
            List<String> routes = new ArrayList<>();
            for (Node other : nodes) {
                if (other != node) {
                    routes.add("nats://127.0.0.1:" + other.clusterPort);
                }
            }
            command.addAll(List.of("--cluster_name", "blindrelay-test", "-cluster",
                    "nats://127.0.0.1:" + node.clusterPort, "-routes", String.join(",", routes)));
        }
        node.process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(root.resolve(node.name + ".log").toFile()).start();
    }

    private static String executable() {
        for (String candidate : List.of("/usr/sbin/nats-server", "/usr/bin/nats-server", "/usr/local/bin/nats-server")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return candidate;
            }
        }
        throw new IllegalStateException("nats-server is not installed; run 'bash .ci/run' (it installs the Debian "
                + "package) or 'apt-get install nats-server'");
    }

    private static void awaitPort(Node node) throws IOException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (!node.process.isAlive()) {
                throw new IOException("nats-server " + node.name + " exited with " + node.process.exitValue());
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", node.port), 200);
                return;
            } catch (IOException e) {
                sleep(50);
            }
        }
        throw new IOException("nats-server " + node.name + " did not listen on " + node.port + " within 20 s");
    }

    public List<Node> nodes() {
        return nodes;
    }

    public Node node(int index) {
        return nodes.get(index);
    }

    /** Every node's URL, comma-separated, as --nats takes them. */
    public String urls() {
        return String.join(",", nodes.stream().map(Node::url).toList());
    }

    public List<String> urlList() {
        return nodes.stream().map(Node::url).toList();
    }

    /** Kills a node at once (SIGKILL), as a crash would. */
    public void kill(int index) throws InterruptedException {
        Node node = nodes.get(index);
        node.process.destroyForcibly();
        node.process.waitFor();
    }

    @Override
    public void close() {
        for (Node node : nodes) {
            if (node.process != null) {
                node.process.destroyForcibly();
                try {
                    node.process.waitFor();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
