package dev.blindrelay.cli.compare;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.fail;

/**
 * The Debian {@code chromium} package run headless, for checking what a browser really renders. Never
 * skipped silently: when it is missing the test fails and says how to install it, unless the run
 * opted out with {@code -Dblindrelay.skipBrowser=true}.
 */
final class HeadlessChromium {

    static final String SKIP_PROPERTY = "blindrelay.skipBrowser";
    private static final Path DEFAULT = Path.of("/usr/bin/chromium");
    private static final long TIMEOUT_SECONDS = 120;

    private final Path executable;
    private final Path workDir;

    private HeadlessChromium(Path executable, Path workDir) {
        this.executable = executable;
        this.workDir = workDir;
    }

    static boolean skipped() {
        return Boolean.getBoolean(SKIP_PROPERTY);
    }

    /**
     * {@code /usr/bin/chromium}, else {@code chromium} on the PATH (where .ci/run looks for it).
     *
     * @param workDir holds the throw-away profile and the logs
     */
    static HeadlessChromium locate(Path workDir) {
        List<Path> candidates = new ArrayList<>(List.of(DEFAULT));
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty()) {
                candidates.add(Path.of(dir, "chromium"));
            }
        }
        for (Path candidate : candidates) {
            if (Files.isExecutable(candidate)) {
                return new HeadlessChromium(candidate, workDir);
            }
        }
        return fail("Chromium is needed to check the HTML report but neither " + DEFAULT + " nor 'chromium' on the "
                + "PATH exists: install it with 'apt-get update && apt-get install -y chromium' (.ci/run does), "
                + "or run with -D" + SKIP_PROPERTY + "=true to leave the browser check out");
    }

    /** The DOM after the page's scripts ran. */
    String dumpDom(Path page) throws IOException, InterruptedException {
        return run("dom", List.of("--dump-dom", page.toUri().toString()));
    }

    void screenshot(Path page, Path png, int width, int height) throws IOException, InterruptedException {
        run("screenshot", List.of("--hide-scrollbars", "--screenshot=" + png.toAbsolutePath(),
                "--window-size=" + width + "," + height, page.toUri().toString()));
    }

    /** Runs Chromium with no network features, a fresh profile, and its output captured. */
    private String run(String name, List<String> arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(executable.toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + workDir.resolve("profile-" + name)));
        command.addAll(arguments);
        Path out = workDir.resolve(name + ".out");
        Path err = workDir.resolve(name + ".err");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("Chromium did not finish within " + TIMEOUT_SECONDS + " s: " + tail(err));
        }
        if (process.exitValue() != 0) {
            fail("Chromium exited with " + process.exitValue() + ": " + tail(err));
        }
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    private static String tail(Path log) throws IOException {
        String text = Files.readString(log, StandardCharsets.UTF_8);
        return text.length() > 2000 ? text.substring(text.length() - 2000) : text;
    }
}
