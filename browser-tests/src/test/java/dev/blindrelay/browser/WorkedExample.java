package dev.blindrelay.browser;

import dev.blindrelay.testing.RepoRoot;

import java.io.IOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The worked example of docs/PROTOCOL.md §12, read from the document itself: every {@code name = value}
 * line of its text blocks, continuation lines joined. The JavaScript recomputes these values.
 */
final class WorkedExample {

    private WorkedExample() {
    }

    static Map<String, String> read() throws IOException {
        String doc = Files.readString(RepoRoot.find().resolve("docs/PROTOCOL.md"));
        int begin = doc.indexOf("<!-- example:begin -->");
        int end = doc.indexOf("<!-- example:end -->");
        if (begin < 0 || end < begin) {
            throw new IllegalStateException("docs/PROTOCOL.md has no example:begin/end markers");
        }
        Map<String, String> values = new LinkedHashMap<>();
        String last = null;
        boolean inBlock = false;
        for (String line : doc.substring(begin, end).split("\n")) {
            if (line.startsWith("```")) {
                inBlock = !inBlock;
                last = null;
                continue;
            }
            if (!inBlock) {
                continue;
            }
            int eq = line.indexOf(" = ");
            if (eq > 0 && !line.startsWith(" ")) {
                last = line.substring(0, eq).strip();
                values.put(last, line.substring(eq + 3).strip());
            } else if (last != null && !line.isBlank()) {
                values.put(last, values.get(last) + line.strip());
            }
        }
        return values;
    }
}
