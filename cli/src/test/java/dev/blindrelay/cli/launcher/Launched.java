package dev.blindrelay.cli.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A real process (usually the {@code blindrelay} launcher) with its input to write and its output to read. */
public final class Launched implements AutoCloseable {

    private final Process process;
    private final String command;
    private final StringBuffer output = new StringBuffer();
    private final Thread reader;

    private Launched(Process process, String command) {
        this.process = process;
        this.command = command;
        reader = new Thread(() -> drain(process.getInputStream()), "output of " + process.pid());
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts {@code command} in {@code directory}, standard error merged into standard output. */
    public static Launched start(Path directory, Map<String, String> environment, List<String> command)
            throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true);
        builder.environment().putAll(environment);
        return new Launched(builder.start(), String.join(" ", command));
    }

    static Launched launcher(Path launcher, Map<String, String> environment, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("bash", launcher.toString()));
        command.addAll(List.of(args));
        return start(launcher.getParent(), environment, command);
    }

    private void drain(InputStream in) {
        byte[] buffer = new byte[8192];
        try {
            for (int n; (n = in.read(buffer)) > 0; ) {
                output.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            // Closed because the process was stopped: what it printed until then is kept.
        }
    }

    public String output() {
        return output.toString();
    }

    void type(String line) throws IOException {
        OutputStream in = process.getOutputStream();
        in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
    }

    void closeInput() throws IOException {
        process.getOutputStream().close();
    }

    /** Waits until the output contains {@code text}; fails with the output so far if it never does. */
    public String await(String text, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!output().contains(text)) {
            if (!process.isAlive()) {
                reader.join(TimeUnit.SECONDS.toMillis(5));
                assertThat(output()).as("%s exited with %s", this, process.exitValue()).contains(text);
                break;
            }
            assertThat(System.nanoTime()).as("waiting for '%s' from %s; output so far:%n%s", text, this, output()).isLessThan(deadline);
            Thread.sleep(20);
        }
        return output();
    }

    /** @return true when the process exited within {@code timeout} (its output is then all read) */
    public boolean waitFor(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            return false;
        }
        reader.join(TimeUnit.SECONDS.toMillis(5));
        return true;
    }

    public int exitValue() {
        return process.exitValue();
    }

    /** Waits for the exit and returns the exit code, after all output has been read. */
    public int exit(Duration timeout) throws InterruptedException {
        assertThat(process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS))
                .as("the process should have exited; output so far:%n%s", output()).isTrue();
        reader.join(TimeUnit.SECONDS.toMillis(5));
        return process.exitValue();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public String toString() {
        return "`" + command + "`";
    }

    /** Stops the process and whatever it started (the launcher execs java, so that is one process). */
    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
