package dev.blindrelay.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository root: the nearest ancestor of the working directory that has {@code .ci/run}. */
public final class RepoRoot {

    private RepoRoot() {
    }

    public static Path find() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve(".ci/run")) && Files.isRegularFile(p.resolve("pom.xml"))) {
                return p;
            }
        }
        throw new IllegalStateException("cannot find the repository root (a folder with .ci/run) above " + dir);
    }
}
