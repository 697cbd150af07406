package dev.blindrelay.cli.bench;

import dev.blindrelay.registry.PluginRegistry;
import dev.blindrelay.relay.MemberDirectory;
import dev.blindrelay.relay.Relay;
import dev.blindrelay.relay.RelayLimits;
import dev.blindrelay.relay.RelayObserver;
import dev.blindrelay.relay.nats.ClusterSettings;
import dev.blindrelay.relay.nats.NatsCluster;
import dev.blindrelay.spi.Transport;
import dev.blindrelay.spi.TransportOptions;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.IntSupplier;
import java.util.stream.Collectors;

/**
 * The relay under test, in a JVM of its own, so that its heap is measured without the thousands of
 * clients that load it, and its file descriptors do not count against the clients' limit.
 * {@link ChildTarget} starts it. Arguments: {@code relay|forward|copy TRANSPORT IO_THREADS ADDRESSES [NATS_URLS]}:
 * the relay listens on ADDRESSES loopback addresses ({@code 127.0.0.1}, {@code 127.0.0.2}, ..., see
 * {@link LoopbackSpread}); with NATS URLs it joins that cluster. It prints
 * {@code READY <port> <pid> [<host:port>,...]} (the addresses after the first), then answers one line per command
 * read from standard input:
 * <pre>
 * heap         HEAP &lt;used bytes after a full GC&gt; &lt;committed bytes&gt; &lt;resident bytes or -1&gt;
 * connections  CONNECTIONS &lt;open connections&gt;
 * cpu          CPU &lt;CPU time of the process so far in nanoseconds, or -1&gt;
 * jit          JIT &lt;milliseconds the JIT compiled so far, or -1&gt;
 * quit         (closes the relay and exits; so does the end of standard input)
 * </pre>
 */
public final class RelayProcess {

    private static final int MAX_CONNECTIONS = 1_000_000;

    private RelayProcess() {
    }

    public static void main(String[] args) throws IOException {
        String kind = args[0];
        InetSocketAddress any = new InetSocketAddress("127.0.0.1", 0);
        AutoCloseable server;
        int port;
        String more = "";
        IntSupplier connections;
        if (kind.equals("forward") || kind.equals("copy")) {
            PlainForwarder forwarder = PlainForwarder.listen(any,
                    kind.equals("copy") ? PlainForwarder.Mode.BYTES : PlainForwarder.Mode.FRAMES);
            server = forwarder;
            port = forwarder.port();
            connections = forwarder::connections;
        } else {
            Transport transport = PluginRegistry.load(RelayProcess.class.getClassLoader()).transports().get(args[1]);
            TransportOptions options = TransportOptions.defaults().withIoThreads(Integer.parseInt(args[2]));
            List<Relay.Endpoint> endpoints = LoopbackSpread.loopbackAddresses(Integer.parseInt(args[3])).stream()
                    .map(address -> new Relay.Endpoint(transport, new InetSocketAddress(address, 0))).toList();
            MemberDirectory.Factory directory = args.length > 4 ? NatsCluster.connect(ClusterSettings.of(
                    List.of(args[4].split(",")), options.maxFrameLength())).directory() : MemberDirectory.LOCAL;
            // No connection cap of its own: the benchmark's load is the point, and 'ulimit -n' still bounds it.
            RelayLimits limits = RelayLimits.defaults().withMaxConnections(MAX_CONNECTIONS);
            Relay relay = Relay.start(endpoints, options, limits, RelayObserver.NONE, directory);
            server = relay;
            port = relay.address().getPort();
            more = relay.servers().stream().skip(1)
                    .map(s -> s.address().getAddress().getHostAddress() + ":" + s.address().getPort())
                    .collect(Collectors.joining(",", " ", "")).stripTrailing();
            connections = relay.router()::connectionCount;
        }
        System.out.println("READY " + port + " " + ProcessHandle.current().pid() + more);
        System.out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = in.readLine(); line != null && !line.equals("quit"); line = in.readLine()) {
            switch (line) {
                case "heap" -> System.out.println("HEAP " + usedHeapAfterGc() + " "
                        + ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getCommitted() + " "
                        + residentBytes());
                case "connections" -> System.out.println("CONNECTIONS " + connections.getAsInt());
                case "cpu" -> System.out.println("CPU " + cpuNanos());
                case "jit" -> System.out.println("JIT " + jitMillis());
                default -> System.out.println("ERROR unknown command " + line);
            }
            System.out.flush();
        }
        try {
            server.close();
        } catch (Exception e) {
            System.err.println("closing: " + e);
        }
        System.exit(0);
    }

    /** Live heap: what is still reachable after full collections (System.gc() is a full GC on G1). */
    private static long usedHeapAfterGc() {
        for (int i = 0; i < 2; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** CPU time of this whole process so far (all its threads), or -1 where the JVM cannot tell. */
    static long cpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : -1;
    }

    static long jitMillis() {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        return jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : -1;
    }

    /** The process's resident set (heap, direct buffers, code, stacks), from Linux's /proc; -1 elsewhere. */
    private static long residentBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return -1;
    }
}
