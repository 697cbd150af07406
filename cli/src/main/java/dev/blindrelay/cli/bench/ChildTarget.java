package dev.blindrelay.cli.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@link RelayProcess} (our relay, or the plain forwarder) in a child JVM on this machine and
 * talks to it over its standard input and output. The child gets this JVM's {@code -D}, {@code -Xmx} and
 * {@code -Xms} options, so {@code -Dio.netty.leakDetection.level=disabled} applies to both; others (a
 * profiler's, say) stay with this JVM.
 */
final class ChildTarget implements Target {

    private static final long ANSWER_SECONDS = 60;

    private final Process process;
    private final PrintStream commands;
    private final BlockingQueue<String> answers = new LinkedBlockingQueue<>();
    private final String kind;
    private final InetSocketAddress address;
    private final List<InetSocketAddress> listening = new ArrayList<>();
    private final long pid;

    private ChildTarget(Process process, String kind) throws IOException {
        this.process = process;
        this.kind = kind;
        this.commands = new PrintStream(process.getOutputStream(), true, StandardCharsets.UTF_8);
        Thread reader = new Thread(this::readAnswers, "bench-child-output");
        reader.setDaemon(true);
        reader.start();
        String[] ready = answer("READY");
        this.address = new InetSocketAddress("127.0.0.1", Integer.parseInt(ready[1]));
        listening.add(address);
        if (ready.length > 3) {
            for (String more : ready[3].split(",")) {
                int colon = more.lastIndexOf(':');
                listening.add(new InetSocketAddress(more.substring(0, colon), Integer.parseInt(more.substring(colon + 1))));
            }
        }
        this.pid = Long.parseLong(ready[2]);
    }

    /**
     * Our relay on {@code transport} with {@code ioThreads} event-loop threads, listening on {@code addresses}
     * loopback addresses (see {@link LoopbackSpread}).
     */
    static ChildTarget relay(String transport, int ioThreads, int addresses, List<String> nats) throws IOException {
        return start("relay", transport, ioThreads, addresses, nats);
    }

    /** The plain blocking-socket forwarder (TCP framing). */
    static ChildTarget forwarder() throws IOException {
        return start("forward", "tcp", 1, 1, List.of());
    }

    /** The byte-copying forwarder: no framing at all. */
    static ChildTarget copier() throws IOException {
        return start("copy", "tcp", 1, 1, List.of());
    }

    private static ChildTarget start(String kind, String transport, int ioThreads, int addresses,
                                     List<String> nats) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String option : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (option.startsWith("-D") || option.startsWith("-Xmx") || option.startsWith("-Xms")) {
                command.add(option);
            }
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), RelayProcess.class.getName(), kind,
                transport, Integer.toString(ioThreads), Integer.toString(addresses)));
        if (!nats.isEmpty()) {
            command.add(String.join(",", nats));
        }
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            return new ChildTarget(process, kind);
        } catch (IOException | RuntimeException e) {
            process.destroyForcibly();
            throw e;
        }
    }

    private void readAnswers() {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                answers.add(line);
            }
        } catch (IOException e) {
            // the child is gone; answer() reports it
        }
    }

    /** The next line that starts with {@code expected}; other lines (JVM notices on stdout) are skipped. */
    private String[] answer(String expected) throws IOException {
        try {
            String line = answers.poll(ANSWER_SECONDS, TimeUnit.SECONDS);
            while (line != null && !line.startsWith(expected + " ") && !line.startsWith("ERROR ")) {
                line = answers.poll(ANSWER_SECONDS, TimeUnit.SECONDS);
            }
            if (line == null || !line.startsWith(expected + " ")) {
                throw new IOException("the " + kind + " process did not answer " + expected
                        + (process.isAlive() ? "" : " (it exited with code " + process.exitValue() + ")")
                        + (line == null ? "" : "; it said: " + line));
            }
            return line.split(" ");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the " + kind + " process");
        }
    }

    private String[] ask(String command, String expected) {
        commands.println(command);
        try {
            return answer(expected);
        } catch (IOException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    @Override
    public InetSocketAddress address() {
        return address;
    }

    @Override
    public List<InetSocketAddress> listening() {
        return List.copyOf(listening);
    }

    @Override
    public boolean speaksProtocol() {
        return kind.equals("relay");
    }

    @Override
    public Optional<HeapReading> heap() {
        String[] heap = ask("heap", "HEAP");
        return Optional.of(new HeapReading(Long.parseLong(heap[1]), Long.parseLong(heap[2]), Long.parseLong(heap[3])));
    }

    @Override
    public OptionalInt connections() {
        return OptionalInt.of(Integer.parseInt(ask("connections", "CONNECTIONS")[1]));
    }

    @Override
    public OptionalLong cpuNanos() {
        long nanos = Long.parseLong(ask("cpu", "CPU")[1]);
        return nanos < 0 ? OptionalLong.empty() : OptionalLong.of(nanos);
    }

    @Override
    public OptionalLong jitMillis() {
        long millis = Long.parseLong(ask("jit", "JIT")[1]);
        return millis < 0 ? OptionalLong.empty() : OptionalLong.of(millis);
    }

    @Override
    public String describe() {
        return (kind.equals("relay") ? "our relay" : kind.equals("copy") ? "byte-copying forwarder"
                : "plain blocking-socket frame forwarder") + " in child JVM pid " + pid
                + " on 127.0.0.1:" + address.getPort();
    }

    @Override
    public void close() {
        commands.println("quit");
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
