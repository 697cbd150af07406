package dev.blindrelay.wire;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class NameKeysTest {

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({
            "Alice, alice",          // case
            "Alice, ALICE",
            "Alice, \u0410lice",     // Cyrillic capital A
            "alice, \u0430lice",     // Cyrillic small a
            "Alice, AIice",          // capital i for the small L
            "ALICE, aIice",
            "Ivan, ivan",            // I folds to i ...
            "Ivan, lvan",            // ... and looks like l
            "Alice, \uFF21lice",     // fullwidth A
            "mary, rnary",           // r + n looks like m
            "Stra\u00dfe, STRASSE",  // full case folding
            "\u00e9mile, e\u0301mile", // composed and decomposed
    })
    void same_caseAndLookAlikeVariants(String a, String b) {
        assertThat(NameKeys.same(a, b)).isTrue();
        assertThat(NameKeys.same(b, a)).isTrue();
    }

    @ParameterizedTest(name = "{0} != {1}")
    @CsvSource({"alice, bob", "Alice, Alicia", "alice, alice2", "ivan, lvan", "Bob, Rob"})
    void different_namesThatDoNotLookAlike(String a, String b) {
        assertThat(NameKeys.same(a, b)).isFalse();
    }

    @Test
    void of_isStableAndHasOneOrTwoKeys() {
        assertThat(NameKeys.of("alice")).containsExactly("alice");
        assertThat(NameKeys.of("Ivan")).containsExactlyInAnyOrder("ivan", "lvan");
        assertThat(NameKeys.of("Ivan")).isEqualTo(NameKeys.of("Ivan"));
    }
}
