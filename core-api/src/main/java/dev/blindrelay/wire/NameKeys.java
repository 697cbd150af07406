package dev.blindrelay.wire;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.text.SpoofChecker;

import java.util.List;

/**
 * When two names count as the same: a person must not be able to pose as {@code Alice} with
 * {@code alice}, {@code ALICE}, a Cyrillic {@code Аlice} or {@code AIice} (a capital i for the l).
 *
 * <p>Each name has two keys, and two names are the same when they share one: the UTS #39
 * confusable skeleton (ICU's {@link SpoofChecker}) of the case-folded name, and the skeleton of the
 * case-folded skeleton. One key is not enough because case folding and the skeleton disagree on a
 * few letters: {@code I} folds to {@code i} but its skeleton is {@code l}, so "Ivan" must match both
 * "ivan" (case) and "lvan" (look-alike), which do not match each other.
 *
 * <p>Stateless and thread-safe. The relay applies it within a room; anything that admits names (a
 * cluster of relays, the client's {@code /msg}) uses the same keys.
 */
public final class NameKeys {

    private NameKeys() {
    }

    /** ICU builds its confusables data once (about 0.2 s), when the first name is checked. */
    private static final class Checker {
        static final SpoofChecker INSTANCE = new SpoofChecker.Builder().build();
    }

    /** The keys of {@code name}: one or two strings; the same name always gives the same keys. */
    public static List<String> of(String name) {
        String folded = Checker.INSTANCE.getSkeleton(fold(name));
        String foldedSkeleton = Checker.INSTANCE.getSkeleton(fold(Checker.INSTANCE.getSkeleton(name)));
        return folded.equals(foldedSkeleton) ? List.of(folded) : List.of(folded, foldedSkeleton);
    }

    /** True when {@code a} and {@code b} would be taken for one another. */
    public static boolean same(String a, String b) {
        List<String> keysOfB = of(b);
        return of(a).stream().anyMatch(keysOfB::contains);
    }

    private static String fold(String text) {
        return UCharacter.foldCase(text, true);
    }
}
