package dev.blindrelay.wire;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NamesTest {

    @ParameterizedTest
    @ValueSource(strings = {"alice", "Bob_2", "a", "émile", "日本語", "x-y.z", "🎉"})
    void problem_acceptableNames(String name) {
        assertThat(Names.problem("name", name)).isNull();
        assertThat(Names.require("name", name)).isEqualTo(name);
    }

    @Test
    void problem_emptyOrNull() {
        assertThat(Names.problem("room", "")).isEqualTo("room must not be empty");
        assertThat(Names.problem("room", null)).isEqualTo("room must not be empty");
    }

    @Test
    void problem_32BytesAcceptedAnd33Rejected() {
        assertThat(Names.problem("name", "a".repeat(32))).isNull();
        assertThat(Names.problem("name", "a".repeat(33))).contains("longer than 32 bytes");
        // 11 three-byte characters are 33 bytes, although only 11 characters.
        assertThat(Names.problem("name", "語".repeat(11))).contains("longer than 32 bytes");
    }

    @ParameterizedTest
    @ValueSource(strings = {"al ice", " alice", "alice\t", "a\nb", "a\u0000b", "a\u007fb", "a/b", "a\\b", "a\u200bb",
            "a\u202eb", "a\u00a0b", "a\u2007b", "bob\u202f", "a\u2028b", "a\ufeffb"})
    void problem_spacesControlsSlashesAndInvisibleFormatCharacters(String name) {
        assertThat(Names.problem("name", name)).contains("may not contain");
    }

    @ParameterizedTest
    @ValueSource(strings = {".", ".."})
    void problem_folderNamesAreRefused(String name) {
        assertThat(Names.problem("name", name)).isEqualTo("name '" + name + "' is not allowed ('.' and '..' name folders)");
        assertThat(Names.problem("name", "..." )).isNull();
    }

    @Test
    void require_throwsWithTheProblem() {
        assertThatThrownBy(() -> Names.require("name", "a b"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("name 'a b' may not contain");
    }
}
