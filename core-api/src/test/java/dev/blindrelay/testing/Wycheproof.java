package dev.blindrelay.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Predicate;

/**
 * Reads Project Wycheproof vectors from {@code <repo root>/testdata/wycheproof}, unmodified copies of
 * upstream's files kept in the repository (see its README), so a bare clone tests itself.
 * {@code -Dblindrelay.wycheproof=DIR} overrides the location. A missing directory or file fails the
 * test: vectors are never skipped silently.
 */
public final class Wycheproof {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Wycheproof() {
    }

    /** One test case with its group, so group parameters (key size, IV size) are at hand. */
    public record Case(JsonNode group, JsonNode test) {

        public int tcId() {
            return test.get("tcId").asInt();
        }

        public String result() {
            return test.get("result").asText();
        }

        public boolean valid() {
            return "valid".equals(result());
        }

        public boolean invalid() {
            return "invalid".equals(result());
        }

        public boolean hasFlag(String flag) {
            for (JsonNode f : test.path("flags")) {
                if (f.asText().equals(flag)) {
                    return true;
                }
            }
            return false;
        }

        public byte[] hex(String field) {
            return HexFormat.of().parseHex(test.get(field).asText());
        }

        public String text(String field) {
            return test.get(field).asText();
        }

        public int groupInt(String field) {
            return group.get(field).asInt();
        }

        @Override
        public String toString() {
            return "tcId " + tcId() + " (" + result() + ", " + test.path("comment").asText() + ", flags "
                    + test.path("flags") + ")";
        }
    }

    public static Path directory() {
        String override = System.getProperty("blindrelay.wycheproof");
        if (override != null) {
            return requireDirectory(Path.of(override));
        }
        Path root = RepoRoot.find();
        return requireDirectory(root.resolve("testdata/wycheproof"));
    }

    /** Every case of {@code file} whose group matches {@code groupFilter}. */
    public static List<Case> cases(String file, Predicate<JsonNode> groupFilter) {
        Path path = directory().resolve(file);
        try {
            JsonNode root = JSON.readTree(path.toFile());
            List<Case> cases = new ArrayList<>();
            for (JsonNode group : root.get("testGroups")) {
                if (groupFilter.test(group)) {
                    for (JsonNode test : group.get("tests")) {
                        cases.add(new Case(group, test));
                    }
                }
            }
            if (cases.isEmpty()) {
                throw new IllegalStateException("no test cases selected from " + path);
            }
            return cases;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read Wycheproof vectors " + path, e);
        }
    }

    public static List<Case> cases(String file) {
        return cases(file, group -> true);
    }

    private static Path requireDirectory(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("Wycheproof vectors not found at " + dir
                    + "; expected testdata/wycheproof in the repository, or -Dblindrelay.wycheproof=DIR");
        }
        return dir;
    }
}
