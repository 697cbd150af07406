package dev.blindrelay.identity;

import org.junit.jupiter.api.Test;

import java.security.SecureRandom;

import static org.assertj.core.api.Assertions.assertThat;

class SafetyNumberTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    private final byte[] alice = IdentityKeyPair.generate(RANDOM).publicKey();
    private final byte[] bob = IdentityKeyPair.generate(RANDOM).publicKey();

    @Test
    void of_sameForBothOrders() {
        assertThat(SafetyNumber.of("alice", alice, "bob", bob)).isEqualTo(SafetyNumber.of("bob", bob, "alice", alice));
    }

    @Test
    void of_sixtyDigitsInTwelveGroupsOfFive() {
        String number = SafetyNumber.of("alice", alice, "bob", bob);
        String[] groups = number.split("\\s+");
        assertThat(groups).hasSize(12).allMatch(g -> g.matches("\\d{5}"));
        assertThat(number.replaceAll("\\s", "")).matches("\\d{60}");
        assertThat(number.lines()).hasSize(2).allMatch(line -> line.split(" ").length == 6);
    }

    @Test
    void of_deterministic() {
        assertThat(SafetyNumber.of("alice", alice.clone(), "bob", bob.clone()))
                .isEqualTo(SafetyNumber.of("alice", alice, "bob", bob));
    }

    @Test
    void of_changesWhenEitherKeyChanges() {
        String original = SafetyNumber.of("alice", alice, "bob", bob);
        byte[] mallory = IdentityKeyPair.generate(RANDOM).publicKey();
        assertThat(SafetyNumber.of("alice", alice, "bob", mallory)).isNotEqualTo(original);
        assertThat(SafetyNumber.of("alice", mallory, "bob", bob)).isNotEqualTo(original);
    }

    @Test
    void of_changesWhenANameChanges() {
        assertThat(SafetyNumber.of("alice", alice, "bob", bob)).isNotEqualTo(SafetyNumber.of("alice", alice, "bob2", bob));
    }

    @Test
    void half_eachPartyContributesThirtyDigits() {
        String aliceHalf = SafetyNumber.half("alice", alice);
        String bobHalf = SafetyNumber.half("bob", bob);
        assertThat(aliceHalf).matches("\\d{30}");
        String digits = SafetyNumber.of("alice", alice, "bob", bob).replaceAll("\\s", "");
        assertThat(digits).isIn(aliceHalf + bobHalf, bobHalf + aliceHalf);
        assertThat(digits.substring(0, 30)).isEqualTo(aliceHalf.compareTo(bobHalf) <= 0 ? aliceHalf : bobHalf);
    }
}
