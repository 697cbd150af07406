package dev.blindrelay.testing;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The vectors in testdata/wycheproof are the unmodified upstream files that its README lists. */
class WycheproofCopiesTest {

    private static final Pattern LISTED = Pattern.compile("^([0-9a-f]{40})  (\\S+)$", Pattern.MULTILINE);

    @Test
    void everyFile_matchesTheUpstreamBlobIdInTheReadme() throws Exception {
        Path dir = Wycheproof.directory();
        Map<String, String> listed = new LinkedHashMap<>();
        Matcher m = LISTED.matcher(Files.readString(dir.resolve("README.md")));
        while (m.find()) {
            listed.put(m.group(2), m.group(1));
        }
        Map<String, String> actual = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : (Iterable<Path>) files.filter(p -> !p.getFileName().toString().equals("README.md"))
                    .sorted()::iterator) {
                actual.put(file.getFileName().toString(), gitBlobId(Files.readAllBytes(file)));
            }
        }
        assertThat(listed).as("blob ids in testdata/wycheproof/README.md").containsKey("LICENSE");
        assertThat(actual).isEqualTo(listed);
    }

    /** What {@code git hash-object} prints: SHA-1 over "blob LENGTH\0" and the content. */
    private static String gitBlobId(byte[] content) throws Exception {
        MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
        sha1.update(("blob " + content.length + "\0").getBytes(StandardCharsets.US_ASCII));
        return HexFormat.of().formatHex(sha1.digest(content));
    }
}
